// Re-encrypts every stored value sealed with an older key under the newest one, conversation
// by conversation (each in one transaction), so an old key can then be retired.
import type { EventRewriter, TrackerStore } from '../tracker-store.js';
import type { Keyring } from './keyring.js';
import { resealDeep } from './sealing.js';

export interface RotationReport { conversations: number; events: number }

export async function rotateKeys(store: Pick<TrackerStore, 'conversationIds'> & EventRewriter, keyring: Keyring,
  opts: { onConversation?: (id: string, rewritten: number) => Promise<void> } = {}): Promise<RotationReport> {
  const report: RotationReport = { conversations: 0, events: 0 };
  for (const id of await store.conversationIds()) {
    const n = await store.rewriteEvents(id, ({ event }) => resealDeep(event, keyring));
    if (n === 0) continue;
    report.conversations += 1;
    report.events += n;
    await opts.onConversation?.(id, n);
  }
  return report;
}
