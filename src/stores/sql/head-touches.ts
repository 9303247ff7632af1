// Which conversations' head rows this process refreshed lately. An append may skip the head
// row (a plain append) only while its updated_at is certainly under HEAD_TOUCH_MS old: a prune
// selects rows at least MIN_PRUNE_AGE_SECONDS old and locks them, and only an append that
// updates the row (a touch) waits for that lock. Times are taken before the statement is
// sent, so the database's updated_at is never older than what is recorded here.
export const HEAD_TOUCH_MS = 60_000;
const MAX_ENTRIES = 50_000;

export class HeadTouches {
  // insertion order = touch order: the oldest entries come first
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A start time for touched(): read before sending the statement that touches. */
  clock(): number {
    return this.now();
  }

  isFresh(conversationId: string): boolean {
    const at = this.touchedAt.get(conversationId);
    return at !== undefined && this.now() - at < HEAD_TOUCH_MS;
  }

  touched(conversationId: string, at: number): void {
    this.touchedAt.delete(conversationId);
    this.touchedAt.set(conversationId, at);
    if (this.touchedAt.size <= MAX_ENTRIES) return;
    // forgetting is always safe: the next append of a forgotten conversation touches again
    const oldest = this.touchedAt.keys().next().value;
    if (oldest !== undefined) this.touchedAt.delete(oldest);
  }

  forget(conversationId: string): void {
    this.touchedAt.delete(conversationId);
  }
}
