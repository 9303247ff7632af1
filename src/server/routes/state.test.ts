// The state API: masking by authorisation, JWT scoping, the history of the conversation.
import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { botEvent } from '../../core/index.js';
import { testApp } from '../testing/test-app.js';

const SECRET = 'state-secret';
const jwt = (username: string, role: string) => createSigner({ key: SECRET })({ user: { username, role } });
const PHONE = '13812345678';

async function appWithPhone(opts: Parameters<typeof testApp>[0] = {}) {
  const t = await testApp(opts, { slots: { phone: null, city: null }, sensitiveSlots: ['phone'], reply: (text) => [botEvent(`noted ${text}`)] });
  await t.agent.appendEvents('alice', [{ event: 'slot', name: 'phone', value: PHONE, timestamp: 1 }, { event: 'slot', name: 'city', value: 'Hangzhou', timestamp: 1 }]);
  await t.agent.handleMessage({ senderId: 'alice', text: `my phone is ${PHONE}` });
  return t;
}

describe('GET /conversations/{id}/state', () => {
  it('auth disabled: sensitive slots and the text that carried them are masked', async () => {
    const { app } = await appWithPhone();
    const res = await app.inject('/conversations/alice/state');
    expect(res.statusCode).toBe(200);
    const state = res.json();
    expect(state).toMatchObject({ conversation_id: 'alice', masked: true, active_form: null, requested_slot: null });
    expect(state.slots.phone).toBe('138****5678');
    expect(state.slots.city).toBe('Hangzhou');
    expect(res.body).not.toContain(PHONE);
    expect(state.messages.map((m: { role: string; text: string }) => [m.role, m.text])).toEqual([
      ['user', 'my phone is 138****5678'], ['bot', 'noted my phone is 138****5678'],
    ]);
    expect(state.latest_intent).toMatchObject({ name: 'nlu_fallback' });
  });

  it('the admin token or the user JWT of the conversation reads plaintext; another user gets 403', async () => {
    const { app } = await appWithPhone({ authToken: 'tok', jwtSecret: SECRET });
    const admin = await app.inject('/conversations/alice/state?token=tok');
    expect(admin.json()).toMatchObject({ masked: false, slots: { phone: PHONE } });
    const own = await app.inject({ url: '/conversations/alice/state', headers: { authorization: `Bearer ${jwt('alice', 'user')}` } });
    expect(own.json()).toMatchObject({ masked: false, slots: { phone: PHONE } });
    const other = await app.inject({ url: '/conversations/alice/state', headers: { authorization: `Bearer ${jwt('mallory', 'user')}` } });
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain(PHONE);
    const stream = await app.inject({ url: '/conversations/alice/state/stream', headers: { authorization: `Bearer ${jwt('mallory', 'user')}` } });
    expect(stream.statusCode).toBe(403);
    expect((await app.inject('/conversations/alice/state')).statusCode).toBe(401);
  });

  it('?recent limits the messages; an unknown conversation is an empty state', async () => {
    const { app } = await appWithPhone();
    expect((await app.inject('/conversations/alice/state?recent=1')).json().messages).toHaveLength(1);
    expect((await app.inject('/conversations/alice/state?recent=-1')).statusCode).toBe(400);
    expect((await app.inject('/conversations/nobody/state')).json()).toMatchObject({ seq: 0, messages: [], latest_intent: null });
  });
});

describe('identity links', () => {
  it('link, resolve, unlink (admin only) and the REST webhook continues the linked conversation', async () => {
    const { app, agent } = await testApp({ authToken: 'tok', jwtSecret: SECRET });
    const link = await app.inject({ method: 'POST', url: '/identities/link?token=tok', payload: { channel_user_id: 'web:alice', conversation_id: 'c-1' } });
    expect(link.json()).toEqual({ channel_user_id: 'web:alice', conversation_id: 'c-1' });
    expect((await app.inject('/identities/web:alice?token=tok')).json()).toEqual({ channel_user_id: 'web:alice', conversation_id: 'c-1' });
    const asUser = await app.inject({ url: '/identities/web:alice', headers: { authorization: `Bearer ${jwt('c-1', 'user')}` } });
    expect(asUser.statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/identities/link?token=tok', payload: { channel_user_id: 'x' } })).statusCode).toBe(400);

    const reply = await app.inject({ method: 'POST', url: '/webhooks/rest/webhook', payload: { sender: 'web:alice', message: 'hello' } });
    expect(reply.json()).toEqual([{ recipient_id: 'web:alice', text: 'echo: hello' }]);
    expect(agent.storedEvents('c-1').some((e) => e.event === 'user')).toBe(true);
    expect(agent.storedEvents('web:alice')).toHaveLength(0);

    expect((await app.inject({ method: 'DELETE', url: '/identities/web:alice?token=tok' })).statusCode).toBe(204);
    expect((await app.inject('/identities/web:alice?token=tok')).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/identities/web:alice?token=tok' })).statusCode).toBe(404);
  });
});
