// While Redis or PostgreSQL is away every request fails the same way, and a warning per request
// (hundreds a second) buries the log and can block a process whose stdout is not read fast
// enough. Each event is logged at most once per interval, with how many were held back since.
import type { StoreLogger } from './store-logger.js';

export class ThrottledWarnings {
  private readonly last = new Map<string, { at: number; held: number }>();

  constructor(private readonly logger: StoreLogger | undefined, private readonly everyMs = 10_000, private readonly now: () => number = Date.now) {}

  warn(fields: Record<string, unknown> & { event: string }, msg: string): void {
    const t = this.now();
    const seen = this.last.get(fields.event);
    if (seen && t - seen.at < this.everyMs) {
      seen.held += 1;
      return;
    }
    this.last.set(fields.event, { at: t, held: 0 });
    this.logger?.warn(seen && seen.held > 0 ? { ...fields, suppressed_since_last: seen.held } : fields, msg);
  }
}
