// Fans state changes of a conversation out to every subscriber, in this process or (Redis) in
// any process of the cluster. Messages are opaque strings: the agent decides what travels, and
// it publishes masked state only, so no sensitive plaintext ever crosses the bus.

export type BusListener = (message: string) => void;

export interface StateBus {
  /** Delivers `message` to every subscriber of the conversation; never throws (delivery is best effort). */
  publish(conversationId: string, message: string): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(conversationId: string, listener: BusListener): () => void;
  close(): Promise<void>;
}
