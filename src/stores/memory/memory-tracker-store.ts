// The tracker store for tests and single-process development: event logs in a Map.
import type { Event } from '../../core/index.js';
import { ParleyError } from '../../errors.js';
import { jsonCopy } from '../json-copy.js';
import { windowStartIndex } from '../session-window.js';
import type { EventRewriter, StoredConversation, StoredEvent, TrackerStore } from '../tracker-store.js';

export class MemoryTrackerStore implements TrackerStore, EventRewriter {
  private readonly logs = new Map<string, Event[]>();

  async retrieve(conversationId: string): Promise<StoredConversation | undefined> {
    const log = this.logs.get(conversationId);
    if (!log) return undefined;
    const start = windowStartIndex(log);
    return { events: jsonCopy(log.slice(start)), seq: log.length, baseSeq: start };
  }

  async retrieveFull(conversationId: string): Promise<StoredConversation | undefined> {
    const log = this.logs.get(conversationId);
    if (!log) return undefined;
    return { events: jsonCopy(log), seq: log.length, baseSeq: 0 };
  }

  async append(conversationId: string, events: readonly Event[], expectedSeq: number): Promise<number> {
    const log = this.logs.get(conversationId) ?? [];
    if (log.length !== expectedSeq) {
      throw new ParleyError('STORE_APPEND_CONFLICT', `conversation ${JSON.stringify(conversationId)} changed since it was read`, {
        details: { conversationId, expectedSeq, actualSeq: log.length },
      });
    }
    if (events.length === 0) return log.length;
    // copy before touching the map, so a copy failure leaves the log as it was
    const copies = jsonCopy(events);
    log.push(...copies);
    this.logs.set(conversationId, log);
    return log.length;
  }

  async replace(conversationId: string, events: readonly Event[]): Promise<number> {
    if (events.length === 0) {
      this.logs.delete(conversationId);
      return 0;
    }
    this.logs.set(conversationId, jsonCopy([...events]));
    return events.length;
  }

  async *events(conversationId: string, opts: { sinceSeq?: number } = {}): AsyncIterable<StoredEvent> {
    const log = this.logs.get(conversationId) ?? [];
    const since = Math.max(0, opts.sinceSeq ?? 0);
    // snapshot first: a concurrent append must not change what this iteration yields
    const snapshot = jsonCopy(log.slice(since));
    for (const [i, event] of snapshot.entries()) yield { seq: since + i + 1, event };
  }

  async rewriteEvents(conversationId: string, fn: (e: StoredEvent) => Event | undefined): Promise<number> {
    const log = this.logs.get(conversationId) ?? [];
    let rewritten = 0;
    for (const [i, event] of log.entries()) {
      const next = fn({ seq: i + 1, event: jsonCopy(event) });
      if (next === undefined) continue;
      log[i] = jsonCopy(next);
      rewritten += 1;
    }
    return rewritten;
  }

  async conversationIds(): Promise<string[]> {
    return [...this.logs.keys()];
  }

  async close(): Promise<void> {
    // nothing to release: the data lives and dies with the process
  }
}
