import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { botEvent } from '../../core/index.js';
import { testApp } from '../testing/test-app.js';

describe('REST channel over real HTTP', () => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    ({ app } = await testApp({ cors: ['*'] }, { reply: (t) => [botEvent(`echo: ${t}`), botEvent('bye', { image: 'https://i' })] }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => { await app.close(); });

  it('answers a widget-style POST (string body, text/plain) with the bot messages', async () => {
    const res = await fetch(`${base}/webhooks/rest/webhook`, {
      method: 'POST', body: JSON.stringify({ sender: 'web-1', message: 'hello' }), headers: { origin: 'https://shop.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual([
      { recipient_id: 'web-1', text: 'echo: hello' }, { recipient_id: 'web-1', text: 'bye' }, { recipient_id: 'web-1', image: 'https://i' },
    ]);
  });

  it('streams one JSON line per message with ?stream=true', async () => {
    const res = await fetch(`${base}/webhooks/rest/webhook?stream=true`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sender: 'web-2', message: 'hi' }),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { recipient_id: 'web-2', text: 'echo: hi' }, { recipient_id: 'web-2', text: 'bye' }, { recipient_id: 'web-2', image: 'https://i' },
    ]);
  });

  it('the API sees the conversation the channel created', async () => {
    const tracker = await (await fetch(`${base}/conversations/web-1/tracker`)).json() as Record<string, unknown>;
    expect(tracker['latest_input_channel']).toBe('rest');
  });
});

describe('REST streaming delivers messages while the turn runs', () => {
  it('the first line arrives before the turn finishes', async () => {
    const { app, agent } = await testApp();
    let finishTurn: () => void = () => undefined;
    const turnCanFinish = new Promise<void>((resolve) => { finishTurn = resolve; });
    agent.handleMessage = async (msg, onBotEvent) => {
      await onBotEvent?.(botEvent('first'));
      await turnCanFinish;
      await onBotEvent?.(botEvent('second'));
      return { messages: [], intent: null, confidence: null };
    };
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${base}/webhooks/rest/webhook?stream=true`, { method: 'POST', body: JSON.stringify({ sender: 's', message: 'go' }) });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(JSON.parse(first)).toEqual({ recipient_id: 's', text: 'first' });
      finishTurn();
      let rest = '';
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
      expect(JSON.parse(rest)).toEqual({ recipient_id: 's', text: 'second' });
    } finally {
      finishTurn();
      await app.close();
    }
  });
});
