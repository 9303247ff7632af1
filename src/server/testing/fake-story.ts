// A conversation as a Rasa test story, enough for the fake agent's GET /story.
import { stringify } from 'yaml';
import type { Event } from '../../core/index.js';

function currentSession(events: readonly Event[]): readonly Event[] {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]?.event === 'session_started') return events.slice(i + 1);
  return events;
}

export function fakeStory(conversationId: string, events: readonly Event[], allSessions: boolean): string {
  const steps: Record<string, unknown>[] = [];
  for (const e of allSessions ? events : currentSession(events)) {
    if (e.event === 'user') steps.push({ user: e.text ?? '', intent: e.parse_data.intent?.name ?? null });
    else if (e.event === 'action' && e.name !== null && e.name !== 'action_listen' && e.name !== 'action_session_start') steps.push({ action: e.name });
  }
  return stringify({ version: '3.1', stories: [{ story: conversationId, steps }] });
}
