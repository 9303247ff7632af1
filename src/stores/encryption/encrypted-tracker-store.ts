// Seals sensitive slot and entity values (see sealing.ts) before events reach the inner store
// and opens them on the way out, so neither PostgreSQL nor the Redis snapshot cache behind it
// ever holds their plaintext. Order: Encrypted(Cached(Retrying(Postgres))) — the cache sits
// INSIDE, so it too only ever sees sealed events.
import type { Event } from '../../core/index.js';
import type { StoredConversation, StoredEvent, TrackerStore } from '../tracker-store.js';
import type { Keyring } from './keyring.js';
import { openDeep, sealEvent, sensitiveValuesOf, type SensitiveSpec } from './sealing.js';

export interface EncryptionConfig { sensitiveSlots: readonly string[]; sensitiveEntities: readonly string[] }

interface Known { seq: number; values: string[] }
const MAX_KNOWN = 10_000;

export class EncryptedTrackerStore implements TrackerStore {
  private readonly spec: SensitiveSpec;
  // the sensitive values of each conversation's current session as of a seq, so a bot message
  // repeating a value given turns earlier is recognised without another read
  private readonly known = new Map<string, Known>();

  constructor(readonly inner: TrackerStore, readonly keyring: Keyring, config: EncryptionConfig) {
    this.spec = { slots: new Set(config.sensitiveSlots), entities: new Set(config.sensitiveEntities) };
  }

  async retrieve(id: string): Promise<StoredConversation | undefined> {
    const stored = await this.inner.retrieve(id);
    if (!stored) return undefined;
    const events = openDeep(stored.events, this.keyring);
    this.remember(id, stored.seq, events.flatMap((e) => sensitiveValuesOf(e, this.spec)));
    return { ...stored, events };
  }

  async retrieveFull(id: string): Promise<StoredConversation | undefined> {
    const stored = await this.inner.retrieveFull(id);
    return stored && { ...stored, events: openDeep(stored.events, this.keyring) };
  }

  async append(id: string, events: readonly Event[], expectedSeq: number): Promise<number> {
    const before = await this.knownValues(id, expectedSeq);
    const added = events.flatMap((e) => sensitiveValuesOf(e, this.spec));
    const values = [...new Set([...before, ...added])].sort((a, b) => b.length - a.length);
    const sealed = events.map((e) => sealEvent(e, this.spec, this.keyring, values));
    const seq = await this.inner.append(id, sealed, expectedSeq);
    this.remember(id, seq, values);
    return seq;
  }

  async replace(id: string, events: readonly Event[]): Promise<number> {
    const values = [...new Set(events.flatMap((e) => sensitiveValuesOf(e, this.spec)))];
    this.known.delete(id);
    return this.inner.replace(id, events.map((e) => sealEvent(e, this.spec, this.keyring, values)));
  }

  async *events(id: string, opts?: { sinceSeq?: number }): AsyncIterable<StoredEvent> {
    for await (const e of this.inner.events(id, opts)) yield { seq: e.seq, event: openDeep(e.event, this.keyring) };
  }

  conversationIds(): Promise<string[]> {
    return this.inner.conversationIds();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async knownValues(id: string, seq: number): Promise<string[]> {
    if (seq === 0) return [];
    const k = this.known.get(id);
    if (k && k.seq === seq) return k.values;
    await this.retrieve(id); // an append without a read in this process (e.g. POST /tracker/events)
    return this.known.get(id)?.values ?? [];
  }

  private remember(id: string, seq: number, values: string[]): void {
    this.known.delete(id);
    if (this.known.size >= MAX_KNOWN) this.known.delete(this.known.keys().next().value as string);
    this.known.set(id, { seq, values });
  }
}
