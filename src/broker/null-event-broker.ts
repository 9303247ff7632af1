// `event_broker` absent or `type: none`: events go nowhere, and nothing is counted as dropped.
import type { BrokerStats, EventBroker } from './event-broker.js';

export class NullEventBroker implements EventBroker {
  readonly stats: Readonly<BrokerStats> = Object.freeze({ published: 0, dropped: 0, buffered: 0, connected: false, failures: 0 });
  publish(): void { /* nothing to send */ }
  async flush(): Promise<boolean> { return true; }
  async close(): Promise<void> { /* nothing to close */ }
}
