import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../testing/test-app.js';

describe('callback channel over real HTTP', () => {
  let receiver: Server;
  let received: { contentType: string | undefined; body: unknown }[];
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => { raw += c.toString(); });
      req.on('end', () => {
        received.push({ contentType: req.headers['content-type'], body: JSON.parse(raw) as unknown });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bot`;
    ({ app } = await testApp({ channels: { callback: { url } } }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  beforeEach(() => { received = []; });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('answers "success" and POSTs each bot message to the callback URL', async () => {
    const res = await fetch(`${base}/webhooks/callback/webhook`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sender: 'cb-1', message: 'hi there' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('success');
    expect(received).toEqual([{ contentType: 'application/json', body: { recipient_id: 'cb-1', text: 'echo: hi there' } }]);
  });

  it('is the output channel for ?output_channel=callback with side effects', async () => {
    await fetch(`${base}/webhooks/callback/webhook`, { method: 'POST', body: JSON.stringify({ sender: 'cb-2', message: 'x' }) });
    received = [];
    const res = await fetch(`${base}/conversations/cb-2/tracker/events?output_channel=latest&execute_side_effects=true`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'bot', text: 'pushed', data: { buttons: [{ title: 'ok', payload: '/ok' }] } }),
    });
    expect(res.status).toBe(200);
    expect(received.map((r) => r.body)).toEqual([{ recipient_id: 'cb-2', text: 'pushed', buttons: [{ title: 'ok', payload: '/ok' }] }]);
    const quiet = await fetch(`${base}/conversations/cb-2/tracker/events?output_channel=callback`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'bot', text: 'not pushed' }),
    });
    expect(quiet.status).toBe(200);
    expect(received).toHaveLength(1);
  });
});
