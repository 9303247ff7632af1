// The prompt for a generated answer to an out-of-scope or chitchat message; the template is
// what the bot would have said and stays the fallback.
import type { ChatMessage } from '../chat-model.js';
import type { RephrasePromptInput } from './rephrase.js';

const SYSTEM = [
  "You are the voice of a task-oriented chatbot. The user's latest message is outside the bot's tasks (small talk or an unrelated question).",
  "Answer it briefly and kindly, in the user's language, then steer back to what the bot does, as its template reply does.",
  'Do not state facts you are not sure of, prices, numbers or promises, and do not say goodbye.',
  'Keep placeholders such as <phone> exactly as written. Answer with the reply only.',
].join('\n');

export function generatePrompt(input: RephrasePromptInput): ChatMessage[] {
  const history = input.turns.map((t) => `${t.speaker === 'user' ? 'User' : 'Bot'}: ${t.text}`).join('\n') || '(none)';
  const user = [
    `Conversation so far:\n${history}`,
    `The bot's template reply: ${input.template}`,
    `At most ${input.maxChars} characters.`,
  ].join('\n\n');
  return [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }];
}
