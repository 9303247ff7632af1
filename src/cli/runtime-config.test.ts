import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRuntimeConfig } from './runtime-config.js';

const build = (credentials: Record<string, unknown> | null, endpoints: Record<string, unknown> | null = null) => {
  const warnings: string[] = [];
  const config = buildRuntimeConfig({ flags: { store: 'memory' }, endpoints, credentials, env: {}, projectDir: '/tmp/p', warn: (m) => warnings.push(m) });
  return { config, warnings };
};

describe('credentials.yml socketio', () => {
  it('an empty `socketio:` takes Rasa\'s defaults', () => {
    const { config, warnings } = build({ rest: null, socketio: null });
    expect(warnings).toEqual([]);
    expect(config.channels.socketio).toEqual({
      user_message_evt: 'user_uttered', bot_message_evt: 'bot_uttered', session_persistence: false, socketio_path: '/socket.io',
      namespace: null, metadata_key: 'metadata', jwt_key: null, jwt_method: 'HS256',
    });
  });

  it('reads every Rasa key plus redis_url', () => {
    const { config } = build({ socketio: {
      user_message_evt: 'say', bot_message_evt: 'said', session_persistence: true, socketio_path: '/ws', namespace: '/bot',
      metadata_key: 'customData', jwt_key: 'k', jwt_method: 'HS512', redis_url: 'redis://127.0.0.1:6379/0',
    } });
    expect(config.channels.socketio).toMatchObject({ session_persistence: true, metadata_key: 'customData', namespace: '/bot', redis_url: 'redis://127.0.0.1:6379/0' });
  });

  it('an unknown key or channel is a start-up error', () => {
    expect(() => build({ socketio: { session_persistance: true } })).toThrow(/session_persistance/);
    expect(() => build({ socketio: { socketio_path: 'socket.io' } })).toThrow(/socketio_path/);
    expect(() => build({ webchat_plus: null })).toThrow(/unknown channel "webchat_plus"/);
  });
});

describe('state bus', () => {
  it('follows the lock store\'s Redis, or an explicit parley.state_bus', () => {
    expect(build(null).config.stores.stateBus).toEqual({ type: 'memory' });
    const shared = build(null, { lock_store: { type: 'redis', url: 'redis://10.0.0.5:6379/0' } }).config.stores.stateBus;
    expect(shared).toEqual({ type: 'redis', url: 'redis://10.0.0.5:6379/0', keyPrefix: 'parley:' });
    const explicit = build(null, { parley: { state_bus: { type: 'redis', url: 'redis://r:6379/1', key_prefix: 'bot1:' } } }).config.stores.stateBus;
    expect(explicit).toEqual({ type: 'redis', url: 'redis://r:6379/1', keyPrefix: 'bot1:' });
    expect(() => build(null, { parley: { state_bus: { type: 'kafka' } } })).toThrow(/state_bus/);
  });
});

describe('in-process actions', () => {
  const withFlags = (flags: Record<string, unknown>, endpoints: Record<string, unknown> | null) =>
    buildRuntimeConfig({ flags: { store: 'memory', ...flags }, endpoints, credentials: null, env: {}, projectDir: '/tmp/p', warn: () => {} });

  it('reads parley.actions from the project, and --actions from the working directory over it', () => {
    expect(withFlags({}, null).actionsModule).toBeUndefined();
    expect(withFlags({}, { parley: { actions: 'actions.mjs' } }).actionsModule).toBe('/tmp/p/actions.mjs');
    expect(withFlags({}, { parley: { actions: '/srv/bot/actions.js' } }).actionsModule).toBe('/srv/bot/actions.js');
    expect(withFlags({ actions: 'other.mjs' }, { parley: { actions: 'actions.mjs' } }).actionsModule).toBe(resolve('other.mjs'));
  });

  it('a parley.actions that is no path is a start-up error', () => {
    expect(() => withFlags({}, { parley: { actions: 3 } })).toThrow(/parley\.actions/);
    expect(() => withFlags({}, { parley: { actions: ' ' } })).toThrow(/parley\.actions/);
    expect(() => withFlags({}, { parley: { action: 'actions.mjs' } })).toThrow(/action/);
  });
});
