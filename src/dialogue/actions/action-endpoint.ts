// The `action_endpoint` of endpoints.yml: where the custom action server listens and how to call it.

export interface ActionEndpointConfig {
  url: string;
  /** sent as a query parameter named `token_name` (default "token") */
  token?: string;
  token_name?: string;
  headers?: Record<string, string>;
  basic_auth?: { username: string; password: string };
  /** when true the domain is only sent for actions declared with `send_domain: true` */
  enable_selective_domain?: boolean;
  /** request timeout in milliseconds (default 30 s) */
  timeout_ms?: number;
}

export const DEFAULT_ACTION_TIMEOUT_MS = 30_000;

/** The version Parley reports to action servers: rasa-sdk 3.6 compares major.minor only. */
export const RASA_COMPAT_VERSION = '3.6.21';

export function endpointUrl(cfg: ActionEndpointConfig): string {
  if (!cfg.token) return cfg.url;
  const url = new URL(cfg.url);
  url.searchParams.set(cfg.token_name ?? 'token', cfg.token);
  return url.toString();
}

export function endpointHeaders(cfg: ActionEndpointConfig): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(cfg.headers ?? {}) };
  if (cfg.basic_auth) {
    const raw = `${cfg.basic_auth.username}:${cfg.basic_auth.password}`;
    headers['authorization'] = `Basic ${Buffer.from(raw, 'utf8').toString('base64')}`;
  }
  return headers;
}
