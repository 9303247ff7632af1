import { describe, expect, it } from 'vitest';
import { rewriteConversationUrl } from './conversation-url.js';

describe('rewriteConversationUrl', () => {
  it('encodes slashes inside the conversation id', () => {
    expect(rewriteConversationUrl('/conversations/a/b/tracker?until=3')).toBe('/conversations/a%2Fb/tracker?until=3');
    expect(rewriteConversationUrl('/conversations/a/b/c/tracker/events')).toBe('/conversations/a%2Fb%2Fc/tracker/events');
  });

  it('splits on the last known action, so an id may itself end in a route word', () => {
    expect(rewriteConversationUrl('/conversations/x/tracker/story')).toBe('/conversations/x%2Ftracker/story');
  });

  it('ignores slashes in the query string', () => {
    expect(rewriteConversationUrl('/conversations/a/tracker?next=/b/story')).toBe('/conversations/a/tracker?next=/b/story');
  });

  it('leaves other URLs alone', () => {
    expect(rewriteConversationUrl('/webhooks/rest/webhook')).toBe('/webhooks/rest/webhook');
    expect(rewriteConversationUrl('/conversations/a/unknown')).toBe('/conversations/a/unknown');
  });
});
