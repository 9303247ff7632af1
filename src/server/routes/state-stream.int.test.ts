// The live state stream over real HTTP: Server-Sent Events with an initial state, one change
// per turn, heartbeats, and a clean end when the client goes away.
import { get, type IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeAgent } from '../testing/fake-agent.js';
import { testApp } from '../testing/test-app.js';

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

interface SseEvent { event: string; data: Record<string, unknown> }

/** Reads SSE blocks until `until` says stop; comments (heartbeats) are returned as event ':'. */
async function readSse(res: Response, until: (events: SseEvent[]) => boolean): Promise<SseEvent[]> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value);
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      if (block.startsWith(':')) { events.push({ event: ':', data: {} }); continue; }
      const name = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '{}';
      events.push({ event: name, data: JSON.parse(data) as Record<string, unknown> });
    }
  }
  await reader.cancel();
  return events;
}

async function serve(): Promise<{ url: string; agent: FakeAgent }> {
  const t = await testApp({ stateHeartbeatMs: 100 }, { slots: { phone: null }, sensitiveSlots: ['phone'] });
  app = t.app;
  return { url: await app.listen({ port: 0, host: '127.0.0.1' }), agent: t.agent };
}

describe('GET /conversations/{id}/state/stream', () => {
  it('sends the state, then one change per turn with the turn record, and heartbeats', async () => {
    const { url, agent } = await serve();
    const res = await fetch(`${url}/conversations/u1/state/stream`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    setTimeout(() => { void agent.handleMessage({ senderId: 'u1', text: 'greet me', metadata: { client_id: 'tab-1' } }); }, 50);
    const events = await readSse(res, (evs) => evs.some((e) => e.event === 'change') && evs.some((e) => e.event === ':'));
    const named = events.filter((e) => e.event !== ':');
    expect(named[0]).toMatchObject({ event: 'state', data: { conversation_id: 'u1', seq: 0, masked: true } });
    const change = named.find((e) => e.event === 'change')?.data as { turn: Record<string, unknown>; state: Record<string, unknown> };
    expect(change.turn).toMatchObject({
      user_text: 'greet me', intent: { name: 'greet' }, client_id: 'tab-1', bot_messages: [{ role: 'bot', text: 'echo: greet me' }],
    });
    expect(change.state).toMatchObject({ conversation_id: 'u1', latest_intent: { name: 'greet' } });
  });

  it('unsubscribes when the client disconnects', async () => {
    const { url, agent } = await serve();
    // node:http, so the test controls the one connection (fetch may keep a spare one open)
    const req = get(`${url}/conversations/u2/state/stream`, { agent: false });
    const res = await new Promise<IncomingMessage>((resolve) => req.on('response', resolve));
    await new Promise((resolve) => res.once('data', resolve));
    expect(agent.subscriberCount('u2')).toBe(1);
    req.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(agent.subscriberCount('u2')).toBe(0);
  });

  it('the server closes with a stream open', async () => {
    const { url } = await serve();
    const res = await fetch(`${url}/conversations/u3/state/stream`);
    await readSse(res, (evs) => evs.length > 0);
    await app?.close();
    app = undefined;
  });
});
