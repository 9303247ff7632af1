// Identity links of one process (the memory tracker store's companion).
import type { IdentityStore } from './identity-store.js';

export class MemoryIdentityStore implements IdentityStore {
  private readonly links = new Map<string, string>();

  async link(channelUserId: string, conversationId: string): Promise<void> { this.links.set(channelUserId, conversationId); }

  async resolve(channelUserId: string): Promise<string | undefined> { return this.links.get(channelUserId); }

  async unlink(channelUserId: string): Promise<boolean> { return this.links.delete(channelUserId); }

  async close(): Promise<void> { this.links.clear(); }
}
