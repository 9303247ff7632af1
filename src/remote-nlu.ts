// NLU served by another Parley (or Rasa) process: endpoints.yml `nlu: url:`. Like any
// dependency it has a timeout and a circuit breaker; when it fails the turn goes on with
// `nlu_fallback`, so the bot's fallback rules answer instead of an error.
import { ConsecutiveBreaker, BrokenCircuitError, circuitBreaker, handleAll } from 'cockatiel';
import type { ParseData } from './core/index.js';

export interface RemoteNluConfig {
  url: string;
  token?: string;
  timeout_ms?: number;
  /** consecutive failures that open the breaker (default 5) */
  breaker_failures?: number;
  /** ms the breaker stays open before a probe (default 10 s) */
  breaker_half_open_ms?: number;
}

export interface RemoteNluLogger { warn(obj: Record<string, unknown>, msg?: string): void }

type Parse = (text: string, opts?: { messageId?: string }) => Promise<ParseData>;

export function fallbackParse(text: string, reason: string): ParseData {
  return {
    text, intent: { name: 'nlu_fallback', confidence: 0 }, entities: [], intent_ranking: [],
    parley: { decided_by: 'remote_nlu_unavailable', reason },
  };
}

export function remoteNluParse(cfg: RemoteNluConfig, logger?: RemoteNluLogger): Parse {
  const url = new URL('model/parse', cfg.url.endsWith('/') ? cfg.url : `${cfg.url}/`);
  if (cfg.token) url.searchParams.set('token', cfg.token);
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: cfg.breaker_half_open_ms ?? 10_000,
    breaker: new ConsecutiveBreaker(cfg.breaker_failures ?? 5),
  });
  const call = async (text: string, messageId: string | undefined): Promise<ParseData> => {
    const res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, ...(messageId ? { message_id: messageId } : {}) }),
      signal: AbortSignal.timeout(cfg.timeout_ms ?? 2_000),
    });
    if (!res.ok) throw new Error(`remote NLU answered ${res.status}`);
    return (await res.json()) as ParseData;
  };
  return async (text, opts) => {
    try {
      return await breaker.execute(() => call(text, opts?.messageId));
    } catch (err) {
      const reason = err instanceof BrokenCircuitError ? 'breaker_open' : (err as Error).name === 'TimeoutError' ? 'timeout' : (err as Error).message;
      logger?.warn({ event: 'nlu.remote.failed', reason }, 'nlu.remote.failed');
      return fallbackParse(text, reason);
    }
  };
}
