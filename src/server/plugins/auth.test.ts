import { generateKeyPairSync } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { isParleyError } from '../../errors.js';
import { testApp } from '../testing/test-app.js';

const SECRET = 'jwt-secret-for-tests';
const sign = (payload: Record<string, unknown>, opts: { key?: string; algorithm?: 'HS256' | 'HS512' | 'RS256'; expiresIn?: number } = {}) =>
  createSigner({ key: opts.key ?? SECRET, algorithm: opts.algorithm ?? 'HS256', ...(opts.expiresIn !== undefined ? { expiresIn: opts.expiresIn } : {}) })(payload);
const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });
const admin = sign({ user: { username: 'ops', role: 'admin' } });
const userOf = (username: string) => sign({ user: { username, role: 'user' } });

describe('auth: token', () => {
  it('401 without or with a wrong token, 200 with the right one', async () => {
    const { app } = await testApp({ authToken: 'S' });
    for (const url of ['/status', '/domain', '/conversations/a/tracker']) {
      expect((await app.inject(url)).statusCode, url).toBe(401);
      expect((await app.inject(`${url}?token=s`)).statusCode, url).toBe(401);
      expect((await app.inject(`${url}?token=S`)).statusCode, url).toBe(200);
    }
  });

  it('never logs the token', async () => {
    const { app, logs } = await testApp({ authToken: 'tok-8c1f' });
    await app.inject('/status?token=tok-8c1f');
    await app.inject({ url: '/status', headers: { authorization: 'Bearer tok-8c1f' } });
    expect(logs.lines().length).toBeGreaterThan(0);
    expect(JSON.stringify(logs.lines())).not.toContain('tok-8c1f');
  });

  it('answers in Rasa shape', async () => {
    const { app } = await testApp({ authToken: 'S' });
    expect((await app.inject('/status')).json()).toEqual({
      version: '3.6.21', status: 'failure', message: 'User is not authenticated.', reason: 'NotAuthenticated', details: {}, help: null, code: 401,
    });
  });

  it('leaves /, /version and channel webhooks open', async () => {
    const { app } = await testApp({ authToken: 'S', jwtSecret: SECRET });
    expect((await app.inject('/')).statusCode).toBe(200);
    expect((await app.inject('/version')).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/webhooks/rest/webhook', payload: { message: 'hi' } })).statusCode).toBe(200);
  });

  it('checks auth before validating the request', async () => {
    const { app } = await testApp({ authToken: 'S' });
    const res = await app.inject({ method: 'POST', url: '/model/parse', payload: { wrong: true } });
    expect(res.statusCode).toBe(401);
  });
});

describe('auth: JWT', () => {
  it('admin may use every endpoint', async () => {
    const { app } = await testApp({ jwtSecret: SECRET });
    expect((await app.inject({ url: '/status', headers: bearer(admin) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/conversations/anyone/tracker', headers: bearer(admin) })).statusCode).toBe(200);
  });

  it('user may only use its own conversation', async () => {
    const { app } = await testApp({ jwtSecret: SECRET });
    const alice = bearer(userOf('alice'));
    expect((await app.inject({ url: '/conversations/alice/tracker', headers: alice })).statusCode).toBe(200);
    const other = await app.inject({ url: '/conversations/bob/tracker', headers: alice });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ reason: 'NotAuthorized', code: 403, status: 'failure' });
    expect((await app.inject({ url: '/status', headers: alice })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/model/parse', headers: alice, payload: { text: 'x' } })).statusCode).toBe(403);
  });

  it('user scope works for conversation ids containing "/"', async () => {
    const { app } = await testApp({ jwtSecret: SECRET });
    const res = await app.inject({ url: '/conversations/shop/alice/tracker', headers: bearer(userOf('shop/alice')) });
    expect(res.statusCode).toBe(200);
  });

  it('403 for another role or no user claim', async () => {
    const { app } = await testApp({ jwtSecret: SECRET });
    for (const jwt of [sign({ user: { username: 'x', role: 'guest' } }), sign({ sub: 'x' })]) {
      expect((await app.inject({ url: '/conversations/x/tracker', headers: bearer(jwt) })).statusCode).toBe(403);
    }
  });

  it('401 for a missing, forged, expired or wrongly signed token', async () => {
    const { app } = await testApp({ jwtSecret: SECRET });
    const bad = [
      {},
      bearer(sign({ user: { username: 'ops', role: 'admin' } }, { key: 'other-secret' })),
      bearer(sign({ user: { username: 'ops', role: 'admin' }, exp: Math.floor(Date.now() / 1000) - 60 })),
      bearer(sign({ user: { username: 'ops', role: 'admin' } }, { algorithm: 'HS512' })),
      { authorization: 'Basic b3BzOnB3' },
      bearer('not.a.jwt'),
    ];
    for (const headers of bad) expect((await app.inject({ url: '/status', headers })).statusCode, JSON.stringify(headers)).toBe(401);
  });

  it('verifies asymmetric methods with the public key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const jwt = sign({ user: { username: 'ops', role: 'admin' } }, { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), algorithm: 'RS256' });
    const { app } = await testApp({ jwtSecret: pem, jwtMethod: 'RS256' });
    expect((await app.inject({ url: '/status', headers: bearer(jwt) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/status', headers: bearer(admin) })).statusCode).toBe(401);
  });

  it('refuses an unknown JWT method at start-up', async () => {
    await expect(testApp({ jwtSecret: SECRET, jwtMethod: 'HS999' })).rejects.toSatisfy((e) => isParleyError(e, 'CONFIG_INVALID'));
  });
});

describe('auth: token and JWT together', () => {
  it('a matching token wins; otherwise the JWT decides', async () => {
    const { app } = await testApp({ authToken: 'S', jwtSecret: SECRET });
    expect((await app.inject('/status?token=S')).statusCode).toBe(200);
    expect((await app.inject({ url: '/status?token=wrong', headers: bearer(admin) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/conversations/b/tracker?token=wrong', headers: bearer(userOf('a')) })).statusCode).toBe(403);
    expect((await app.inject('/status?token=wrong')).statusCode).toBe(401);
  });

  it('is disabled when neither is configured', async () => {
    const { app } = await testApp();
    expect((await app.inject('/status')).statusCode).toBe(200);
  });
});
