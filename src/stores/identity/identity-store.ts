// Links channel user ids (a mini-program openid `wx:o6_bm…`, a web login `web:alice`) to one
// conversation id, so a conversation started on one channel continues on another.

export interface IdentityStore {
  /** Links (or re-links) a channel user id to a conversation id. */
  link(channelUserId: string, conversationId: string): Promise<void>;
  /** The linked conversation id, or undefined. */
  resolve(channelUserId: string): Promise<string | undefined>;
  /** false when the id was not linked */
  unlink(channelUserId: string): Promise<boolean>;
  close(): Promise<void>;
}
