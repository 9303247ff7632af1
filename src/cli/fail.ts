// One-line errors for the terminal: users see what went wrong and what to do, not a stack.
import { isParleyError } from '../errors.js';

export function describeFailure(err: unknown): string {
  if (isParleyError(err)) return err.message;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EADDRINUSE') return `port ${(e as { port?: number }).port ?? ''} is already in use: stop the other server or pass --port`.replace('port  is', 'the port is');
  if (e?.code === 'EACCES') return `permission denied: ${e.message}`;
  return e instanceof Error ? e.message : String(err);
}

/** Runs a command body; failures print `parley: <message>` and exit 1 (PARLEY_DEBUG=1 shows the stack). */
export function command<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      console.error(`parley: ${describeFailure(err)}`);
      if (process.env['PARLEY_DEBUG']) console.error(err);
      process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
    }
  };
}
