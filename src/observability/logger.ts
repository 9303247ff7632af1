// Parley's pino setup: JSON lines, secrets redacted, dotted event names (`turn.completed`).
import { Transform } from 'node:stream';
import { pino, type BaseLogger, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  /** pino level name; default 'info' */
  level?: string;
  /** human-readable lines instead of JSON (development only) */
  pretty?: boolean;
  /** a stream, a file path or a file descriptor; default stdout */
  destination?: DestinationStream | NodeJS.WritableStream | string | number;
}

/** Paths whose values never reach a log line (pino redact syntax: one `*` per level). */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
  'authorization', '*.authorization', 'token', '*.token', 'authToken', '*.authToken',
  'jwtSecret', '*.jwtSecret', 'password', '*.password', 'req.query.token',
];

/** Replaces the value of any `token` query parameter, so `?token=S` never lands in a log. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[Redacted]');
}

interface RequestLike {
  method?: string;
  url?: string;
  originalUrl?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

// Fastify passes its Request here; the original URL keeps conversation ids readable.
function serializeRequest(req: RequestLike): Record<string, unknown> {
  const url = req.originalUrl ?? req.url ?? '';
  return { method: req.method, url: redactUrl(url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

export function createLogger(opts: CreateLoggerOptions = {}): Logger {
  let dest: DestinationStream | NodeJS.WritableStream = typeof opts.destination === 'string' || typeof opts.destination === 'number'
    ? pino.destination({ dest: opts.destination, mkdir: true, sync: false })
    : (opts.destination ?? pino.destination(1));
  if (opts.pretty === true) {
    const pretty = prettyStream();
    pretty.pipe(dest as NodeJS.WritableStream);
    dest = pretty;
  }
  return pino({
    level: opts.level ?? 'info',
    redact: { paths: [...REDACT_PATHS], censor: '[Redacted]' },
    serializers: { req: serializeRequest, err: pino.stdSerializers.err },
    base: { pid: process.pid },
  }, dest as DestinationStream);
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Any pino logger or child (Fastify's request.log included). */
export type EventLogger = Pick<BaseLogger, LogLevel>;

/** Logs one dotted event: the name goes in both `event` (for queries) and `msg` (for humans). */
export function logEvent(log: EventLogger, level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  log[level]({ event, ...fields }, event);
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const OMIT_PRETTY = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'event']);

/** One readable line per JSON record; no pino-pretty dependency for a development nicety. */
export function formatPrettyLine(line: string): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof rec['time'] === 'number' ? new Date(rec['time']).toISOString().slice(11, 23) : '';
  const level = LEVEL_NAMES[rec['level'] as number] ?? String(rec['level']);
  const rest = Object.entries(rec)
    .filter(([k]) => !OMIT_PRETTY.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [time, level.padEnd(5), String(rec['msg'] ?? rec['event'] ?? ''), ...rest].join(' ').trim();
}

function prettyStream(): Transform {
  let pending = '';
  return new Transform({
    transform(chunk: Buffer | string, _enc, done) {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      done(null, lines.filter((l) => l !== '').map((l) => `${formatPrettyLine(l)}\n`).join(''));
    },
    flush(done) {
      done(null, pending === '' ? '' : `${formatPrettyLine(pending)}\n`);
    },
  });
}
