// Keeps a channel user's messages in the order they reached this process up to the moment
// each one holds its place in the conversation's lock queue. Between arrival and the lock
// there are asynchronous steps (the identity lookup), and without this a slow lookup for one
// message would let the next one overtake it.
export class ArrivalOrder {
  // the admission each key's newest message waits for
  private readonly tails = new Map<string, Promise<void>>();

  /** Resolves once every earlier admission of `key` has left; call the returned function to leave (idempotent). */
  async admit(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let leave!: () => void;
    const left = new Promise<void>((resolve) => { leave = resolve; });
    const tail = previous.then(() => left);
    this.tails.set(key, tail);
    // the last one out forgets the key, so memory follows activity
    void tail.then(() => { if (this.tails.get(key) === tail) this.tails.delete(key); });
    await previous;
    return leave;
  }

  /** Keys with a message between arrival and its place in the lock queue (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
