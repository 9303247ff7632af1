import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, formatPrettyLine, logEvent, redactUrl } from './logger.js';

function capture(): { lines: () => string[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({ write(c: Buffer, _e, done) { chunks.push(c.toString()); done(); } });
  return { stream, lines: () => chunks.join('').split('\n').filter((l) => l !== '') };
}

describe('createLogger', () => {
  it('writes JSON lines with dotted event names', () => {
    const out = capture();
    logEvent(createLogger({ destination: out.stream }), 'info', 'turn.completed', { latency_ms: 12 });
    const rec = JSON.parse(out.lines()[0] ?? '{}') as Record<string, unknown>;
    expect(rec).toMatchObject({ event: 'turn.completed', msg: 'turn.completed', latency_ms: 12, level: 30 });
  });

  it('redacts authorization headers and tokens', () => {
    const out = capture();
    const log = createLogger({ destination: out.stream });
    log.info({ req: { headers: { authorization: 'Bearer secret-jwt' } }, token: 'tok', opts: { authToken: 'a', jwtSecret: 'k' } }, 'x');
    const line = out.lines()[0] ?? '';
    expect(line).not.toMatch(/secret-jwt|"tok"|"a"|"k"/);
    expect(line).toContain('[Redacted]');
  });

  it('masks ?token= in request URLs', () => {
    const out = capture();
    createLogger({ destination: out.stream }).info({ req: { method: 'GET', url: '/status?token=s3cret&x=1' } }, 'incoming request');
    expect(out.lines()[0]).toContain('/status?token=[Redacted]&x=1');
    expect(out.lines()[0]).not.toContain('s3cret');
    expect(redactUrl('/a?x=1&TOKEN=abc')).toBe('/a?x=1&TOKEN=[Redacted]');
  });

  it('respects the level', () => {
    const out = capture();
    const log = createLogger({ level: 'warn', destination: out.stream });
    log.info('hidden');
    log.warn('shown');
    expect(out.lines()).toHaveLength(1);
  });

  it('prints readable lines when pretty', async () => {
    const out = capture();
    const log = createLogger({ pretty: true, destination: out.stream });
    logEvent(log, 'warn', 'store.retry', { attempt: 2 });
    await new Promise((r) => setImmediate(r));
    expect(out.lines()[0]).toMatch(/WARN +store\.retry attempt=2/);
    expect(formatPrettyLine('not json')).toBe('not json');
  });
});
