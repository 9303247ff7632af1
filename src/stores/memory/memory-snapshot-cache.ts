// SnapshotCache in process memory, with the same seq rules as the Redis one (for tests, and
// for a single process that wants the decorator without Redis).
import type { Event } from '../../core/index.js';
import { jsonCopy } from '../json-copy.js';
import type { SnapshotCache } from '../snapshot-cache.js';
import type { StoredConversation } from '../tracker-store.js';

interface Entry { seq: number; snap?: StoredConversation }

export class MemorySnapshotCache implements SnapshotCache {
  readonly callTimeoutMs = 0;
  private readonly entries = new Map<string, Entry>();

  async get(id: string): Promise<StoredConversation | undefined> {
    const snap = this.entries.get(id)?.snap;
    return snap ? jsonCopy(snap) : undefined;
  }

  async put(id: string, snap: StoredConversation, opts: { force?: boolean } = {}): Promise<void> {
    const cur = this.entries.get(id);
    if (!opts.force && cur && cur.seq > snap.seq) return;
    this.entries.set(id, { seq: snap.seq, snap: jsonCopy(snap) });
  }

  async advance(id: string, expectedSeq: number, newSeq: number, eventsJson: string | undefined): Promise<void> {
    const cur = this.entries.get(id);
    if (cur?.snap && cur.seq === expectedSeq && eventsJson !== undefined) {
      const added = JSON.parse(eventsJson) as Event[];
      this.entries.set(id, { seq: newSeq, snap: { ...cur.snap, events: [...cur.snap.events, ...added], seq: newSeq } });
      return;
    }
    this.entries.set(id, { seq: Math.max(newSeq, cur?.seq ?? 0) });
  }

  async drop(id: string): Promise<void> {
    this.entries.delete(id);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
