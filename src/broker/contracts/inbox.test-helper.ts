// Collects what a test consumer receives; receive(n) hands out the next n in arrival order.
export class Inbox<T> {
  private readonly items: T[] = [];
  private cursor = 0;
  private waiter: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.waiter?.();
  }

  async receive(count: number, timeoutMs = 10_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.items.length - this.cursor < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} messages, got ${this.items.length - this.cursor} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => { clearTimeout(timer); resolve(); };
      });
      this.waiter = undefined;
    }
    const out = this.items.slice(this.cursor, this.cursor + count);
    this.cursor += count;
    return out;
  }
}
