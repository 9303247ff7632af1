// What buildApp needs besides the Agent.
import type { HealthRegistry } from '../observability/health.js';
import type { SocketIoChannelOptions } from './channels/socketio-channel.js';
import type { Logger } from '../observability/logger.js';
import type { ParleyMetrics } from '../observability/metrics.js';

export interface ChannelOptions {
  /** the REST channel (`rest:` in credentials.yml) takes no settings */
  rest?: Record<string, never>;
  /** `callback: url: ...`: bot messages are POSTed to this URL */
  callback?: { url: string };
  /** `socketio:` (rasa-compat §2.2); unset keys take Rasa's defaults */
  socketio?: Partial<Omit<SocketIoChannelOptions, 'cors'>>;
}

export interface ServerOptions {
  /** `nlu`: serve only /model/parse, /status, /domain and health (`parley run --role nlu`); default `full` */
  role?: 'full' | 'nlu';
  /** `--auth-token`: clients pass `?token=` */
  authToken?: string;
  /** `--jwt-secret` (the public key for asymmetric methods) */
  jwtSecret?: string;
  /** `--jwt-method`, default HS256 */
  jwtMethod?: string;
  /** allowed origins; `['*']` allows any */
  cors?: string[];
  /** `--enable-api`, default true; channels and `GET /` exist either way */
  enableApi?: boolean;
  channels: ChannelOptions;
  /** `--response-timeout` in ms, default one hour (Rasa's 3600 s) */
  responseTimeoutMs?: number;
  logger?: Logger;
  /** the one bot message a channel answers with when a turn fails */
  friendlyErrorText?: string;
  /** serves GET /metrics (behind the API auth) and records HTTP metrics */
  metrics?: ParleyMetrics;
  /** the checks behind /health/ready; default none (ready unless draining) */
  health?: HealthRegistry;
  /** serves the web chat page at /chat (default true) */
  webChat?: boolean;
  /** SSE heartbeat interval of the state stream; default 15 s */
  stateHeartbeatMs?: number;
}

export const FRIENDLY_ERROR_TEXT_ZH = '服务开小差,请稍后再试';
export const FRIENDLY_ERROR_TEXT_EN = 'Sorry, something went wrong on our side. Please try again in a moment.';

export function friendlyErrorTextFor(language: string, override?: string): string {
  if (override !== undefined) return override;
  return language.toLowerCase().startsWith('zh') ? FRIENDLY_ERROR_TEXT_ZH : FRIENDLY_ERROR_TEXT_EN;
}
