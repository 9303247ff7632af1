// Turns `parley run` flags, the environment, endpoints.yml and credentials.yml into the one
// validated RuntimeConfig. Known-but-unsupported Rasa settings are named errors or warnings,
// never silent fallbacks.
import { isAbsolute, resolve } from 'node:path';
import { parseRuntimeConfig, type RuntimeConfig } from '../config.js';
import { parseEventBrokerConfig } from '../broker/broker-config.js';
import { ParleyError } from '../errors.js';
import { parseLlmConfig } from '../llm/llm-config.js';
import { storesConfigFromEndpoints } from '../stores/endpoints-config.js';

export interface RunFlags {
  port?: number;
  host?: string;
  authToken?: string;
  jwtSecret?: string;
  jwtMethod?: string;
  cors?: string[];
  enableApi?: boolean;
  store?: string;
  dataDir?: string;
  logLevel?: string;
  role?: string;
  /** a JS module exporting `actions` (an array made with defineAction), relative to the working directory */
  actions?: string;
}

/** Rasa channels Parley does not (yet) speak: accepted with a warning so Rasa projects still start. */
const KNOWN_RASA_CHANNELS = new Set(['rasa', 'facebook', 'slack', 'telegram', 'twilio', 'twilio_voice', 'mattermost',
  'rocketchat', 'botframework', 'webexteams', 'hangouts', 'cisco', 'microsoft', 'audiocodes', 'vonage', 'genesys', 'cmdline']);
const SUPPORTED_ENDPOINT_KEYS = new Set(['action_endpoint', 'tracker_store', 'lock_store', 'event_broker', 'llm', 'nlu', 'parley']);
const RASA_ENDPOINT_KEYS = new Set(['nlg', 'models']);

function channelsConfig(credentials: Record<string, unknown> | null, warn: (m: string) => void): Record<string, unknown> {
  if (!credentials) return { rest: null };
  const channels: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(credentials)) {
    if (name === 'rest') channels['rest'] = null;
    else if (name === 'callback') channels['callback'] = value;
    else if (name === 'socketio') channels['socketio'] = value ?? {};
    else if (KNOWN_RASA_CHANNELS.has(name)) warn(`credentials.yml: channel "${name}" is not supported yet and is ignored`);
    else throw new ParleyError('CONFIG_INVALID', `credentials.yml: unknown channel "${name}" (supported: rest, callback, socketio)`);
  }
  return channels;
}

/**
 * The in-process actions module: `--actions` (from the working directory) over endpoints.yml's
 * `parley: actions:` (from the project, so a project names its own actions wherever it is served).
 */
export function actionsModule(flags: RunFlags, parley: Record<string, unknown> | undefined, projectDir: string): { actionsModule?: string } {
  if (flags.actions) return { actionsModule: resolve(flags.actions) };
  const path = parley?.['actions'];
  if (path === undefined || path === null) return {};
  if (typeof path !== 'string' || path.trim() === '') throw new ParleyError('CONFIG_INVALID', 'endpoints.yml: parley.actions must be the path of a JS module exporting `actions`');
  return { actionsModule: isAbsolute(path) ? path : resolve(projectDir, path) };
}

export function buildRuntimeConfig(opts: {
  flags: RunFlags; endpoints: Record<string, unknown> | null; credentials: Record<string, unknown> | null;
  env: NodeJS.ProcessEnv; projectDir: string; warn: (message: string) => void;
}): RuntimeConfig {
  const { flags, endpoints, env } = opts;
  for (const key of Object.keys(endpoints ?? {})) {
    if (SUPPORTED_ENDPOINT_KEYS.has(key)) continue;
    if (RASA_ENDPOINT_KEYS.has(key)) throw new ParleyError('CONFIG_INVALID', `endpoints.yml: "${key}" is not supported yet; remove it or comment it out`);
    throw new ParleyError('CONFIG_INVALID', `endpoints.yml: unknown key "${key}" (known: ${[...SUPPORTED_ENDPOINT_KEYS].join(', ')})`);
  }
  const section = (k: string) => endpoints?.[k] as Record<string, unknown> | undefined;
  const server: Record<string, unknown> = {
    ...(flags.host !== undefined ? { host: flags.host } : {}),
    ...(flags.port !== undefined ? { port: flags.port } : {}),
    ...(flags.authToken ?? env['PARLEY_AUTH_TOKEN'] ? { authToken: flags.authToken ?? env['PARLEY_AUTH_TOKEN'] } : {}),
    ...(flags.jwtSecret ?? env['PARLEY_JWT_SECRET'] ? { jwtSecret: flags.jwtSecret ?? env['PARLEY_JWT_SECRET'] } : {}),
    ...(flags.jwtMethod ? { jwtMethod: flags.jwtMethod } : {}),
    ...(flags.cors ? { cors: flags.cors } : {}),
    ...(flags.enableApi !== undefined ? { enableApi: flags.enableApi } : {}),
  };
  return parseRuntimeConfig({
    server,
    stores: storesConfigFromEndpoints(endpoints, {
      projectDir: opts.projectDir, env, warn: opts.warn,
      flags: { ...(flags.store ? { store: flags.store } : {}), ...(flags.dataDir ? { dataDir: flags.dataDir } : {}) },
    }),
    ...(section('action_endpoint') ? { actionEndpoint: section('action_endpoint') } : {}),
    ...(section('nlu') ? { nluEndpoint: section('nlu') } : {}),
    ...actionsModule(flags, section('parley'), opts.projectDir),
    ...(flags.role ? { role: flags.role } : {}),
    channels: channelsConfig(opts.credentials, opts.warn),
    eventBroker: parseEventBrokerConfig(section('event_broker')),
    llm: section('llm') !== undefined || env['PARLEY_LLM_BASE_URL'] ? parseLlmConfig(section('llm') ?? { enabled: true }, env) : null,
    logLevel: flags.logLevel ?? env['PARLEY_LOG_LEVEL'] ?? 'info',
  }, 'parley run');
}
