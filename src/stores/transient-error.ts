// Which storage failures are worth retrying: the connection or the server went away for a
// moment, or PostgreSQL asked the transaction to be run again. Never a conflict or bad input.
import { isParleyError } from '../errors.js';

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57P01', // admin_shutdown (pg_terminate_backend, server restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (server starting)
]);

// `pg` reports a connection that died mid-query without a code
const TRANSIENT_MESSAGES = [/connection terminated/i, /not queryable/i, /connection (was )?closed/i, /timeout exceeded when trying to connect/i];

export function isTransientStoreError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (isParleyError(e, 'STORE_APPEND_CONFLICT')) return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code.startsWith('08'))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(message))) return true;
  }
  return false;
}
