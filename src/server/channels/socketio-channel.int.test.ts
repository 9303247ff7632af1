// Rasa's socket.io protocol (rasa-compat §2.2) against a real listening server, with the
// socket.io-client the widgets use.
import { createSigner } from 'fast-jwt';
import type { FastifyInstance } from 'fastify';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { botEvent } from '../../core/index.js';
import type { FakeAgent } from '../testing/fake-agent.js';
import { testApp } from '../testing/test-app.js';
import type { SocketIoChannelOptions } from './socketio-channel.js';

let app: FastifyInstance | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await app?.close();
  app = undefined;
});

const rich = () => [
  botEvent('first part\n\nsecond part', { buttons: [{ title: 'Yes', payload: '/affirm' }, { title: 'No', payload: '/deny' }] }),
  botEvent(null, { image: 'https://img.example/cat.png' }),
  botEvent(null, { custom: { data: { kind: 'card', id: 7 } } }),
  botEvent(null, { attachment: { type: 'video', payload: { src: 'https://v' } } }),
];

async function serve(socketio: Partial<SocketIoChannelOptions> = {}, reply?: () => ReturnType<typeof rich>): Promise<{ url: string; agent: FakeAgent }> {
  const t = await testApp({ channels: { rest: {}, socketio }, cors: ['*'] }, reply ? { reply } : {});
  app = t.app;
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, agent: t.agent };
}

function connect(url: string, opts: Parameters<typeof io>[1] = {}): Socket {
  const socket = io(url, { transports: ['websocket'], reconnection: false, ...opts });
  sockets.push(socket);
  return socket;
}

const once = <T>(socket: Socket, event: string): Promise<T> => new Promise((resolve) => socket.once(event, resolve));

function collect(socket: Socket, event: string, count: number): Promise<unknown[]> {
  const got: unknown[] = [];
  return new Promise((resolve) => {
    socket.on(event, (p: unknown) => {
      got.push(p);
      if (got.length === count) resolve(got);
    });
  });
}

describe('socket.io channel', () => {
  it('answers the health check and serves the client script', async () => {
    const { url } = await serve();
    expect(await (await fetch(`${url}/webhooks/socketio/`)).json()).toEqual({ status: 'ok' });
    const script = await fetch(`${url}/socket.io/socket.io.esm.min.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    // read the whole body: an unread response keeps its connection busy and app.close() waits on it
    expect((await script.text()).length).toBeGreaterThan(1000);
  });

  it('session_request → session_confirm with the id string, generated when missing', async () => {
    const { url } = await serve({ sessionPersistence: true });
    const socket = connect(url);
    socket.emit('session_request', { session_id: 'web-abc' });
    expect(await once(socket, 'session_confirm')).toBe('web-abc');
    socket.emit('session_request', null);
    const generated = await once<string>(socket, 'session_confirm');
    expect(generated).toMatch(/^[0-9a-f]{32}$/);
  });

  it('user_uttered → one bot_uttered per part, in Rasa order, with quick replies, image, custom data and attachment', async () => {
    const { url, agent } = await serve({ sessionPersistence: true, metadataKey: 'customData' }, rich);
    const socket = connect(url);
    socket.emit('session_request', { session_id: 's-1' });
    await once(socket, 'session_confirm');
    const replies = collect(socket, 'bot_uttered', 5);
    socket.emit('user_uttered', { message: 'hi', session_id: 's-1', customData: { page: 'checkout', lang: 'zh' } });
    expect(await replies).toEqual([
      { text: 'first part' },
      { text: 'second part', quick_replies: [{ content_type: 'text', title: 'Yes', payload: '/affirm' }, { content_type: 'text', title: 'No', payload: '/deny' }] },
      { attachment: { type: 'image', payload: { src: 'https://img.example/cat.png' } } },
      { kind: 'card', id: 7 },
      { attachment: { type: 'video', payload: { src: 'https://v' } } },
    ]);
    const user = agent.storedEvents('s-1').find((e) => e.event === 'user');
    expect(user).toMatchObject({ text: 'hi', input_channel: 'socketio', metadata: { page: 'checkout', lang: 'zh' } });
  });

  it('with persistence, every socket of the session hears the replies; a message without session_id is ignored', async () => {
    const { url, agent } = await serve({ sessionPersistence: true });
    const a = connect(url);
    const b = connect(url);
    for (const s of [a, b]) {
      s.emit('session_request', { session_id: 'shared' });
      await once(s, 'session_confirm');
    }
    a.emit('user_uttered', { message: 'no session' });
    const onB = once<{ text: string }>(b, 'bot_uttered');
    a.emit('user_uttered', { message: 'hello', session_id: 'shared' });
    expect(await onB).toEqual({ text: 'echo: hello' });
    expect(agent.storedEvents('shared').filter((e) => e.event === 'user')).toHaveLength(1);
  });

  it('without persistence the socket id is the sender; a JSON-string metadata is parsed', async () => {
    const { url, agent } = await serve({ sessionPersistence: false });
    const socket = connect(url);
    await once(socket, 'connect');
    const reply = once(socket, 'bot_uttered');
    socket.emit('user_uttered', { message: 'yo', metadata: '{"a":1}' });
    expect(await reply).toEqual({ text: 'echo: yo' });
    expect(agent.storedEvents(socket.id ?? '').find((e) => e.event === 'user')).toMatchObject({ metadata: { a: 1 } });
  });

  it('configurable event names, path and namespace', async () => {
    const { url } = await serve({ userMessageEvt: 'say', botMessageEvt: 'said', socketioPath: '/chat-io', namespace: '/bot', sessionPersistence: true });
    const socket = connect(`${url}/bot`, { path: '/chat-io' });
    socket.emit('session_request', { session_id: 'n1' });
    await once(socket, 'session_confirm');
    const reply = once(socket, 'said');
    socket.emit('say', { message: 'ping', session_id: 'n1' });
    expect(await reply).toEqual({ text: 'echo: ping' });
  });

  it('jwt_key: a connection without a valid token is refused, with one (Bearer or not) accepted', async () => {
    const { url } = await serve({ jwtKey: 'sock-secret', sessionPersistence: true });
    const refused = connect(url, { auth: { token: 'nope' } });
    expect((await once<Error>(refused, 'connect_error')).message).toBe('not authorized');
    const token = createSigner({ key: 'sock-secret' })({ user: { username: 'x', role: 'user' } });
    const ok = connect(url, { auth: { token: `Bearer ${token}` } });
    await once(ok, 'connect');
    expect(ok.connected).toBe(true);
  });

  it('?output_channel=socketio pushes server-initiated messages to the session room', async () => {
    const { url } = await serve({ sessionPersistence: true });
    const socket = connect(url);
    socket.emit('session_request', { session_id: 'push-1' });
    await once(socket, 'session_confirm');
    const pushed = once(socket, 'bot_uttered');
    const res = await fetch(`${url}/conversations/push-1/trigger_intent?output_channel=socketio`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'greet' }),
    });
    expect(res.status).toBe(200);
    expect(await pushed).toEqual({ text: 'triggered greet' });
  });

  it('a linked channel user id continues its conversation; replies still reach its socket', async () => {
    const { url, agent } = await serve({ sessionPersistence: true });
    await agent.identities.link('wx:o6_bm123', 'customer-42');
    const socket = connect(url);
    socket.emit('session_request', { session_id: 'wx:o6_bm123' });
    await once(socket, 'session_confirm');
    const reply = once(socket, 'bot_uttered');
    socket.emit('user_uttered', { message: 'from the mini program', session_id: 'wx:o6_bm123' });
    expect(await reply).toEqual({ text: 'echo: from the mini program' });
    expect(agent.storedEvents('customer-42').some((e) => e.event === 'user')).toBe(true);
    expect(agent.storedEvents('wx:o6_bm123')).toHaveLength(0);
  });
});
