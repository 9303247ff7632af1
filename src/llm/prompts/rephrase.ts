// The rephrasing prompt: reword one templated reply in context, keeping every fact and question.
import type { ChatMessage } from '../chat-model.js';
import type { MemoryTurn } from '../memory.js';

export interface RephrasePromptInput {
  /** the template text, sensitive values masked */
  template: string;
  /** recent messages, sensitive values masked */
  turns: readonly MemoryTurn[];
  slots: Readonly<Record<string, unknown>>;
  /** the slot this reply asks for, when it asks for one */
  askedSlot: string | null;
  maxChars: number;
}

const SYSTEM = [
  "You reword a chatbot's reply so it fits the conversation naturally. The bot decides what to say; you only choose the words.",
  'Rules:',
  '- Write in the same language as the reply.',
  '- Keep every number, name, amount and value of the reply, and keep placeholders such as <phone> exactly as written.',
  '- If the reply asks the user something, your text must still ask it, as a question.',
  '- Do not add facts, prices, promises or offers, and do not say goodbye.',
  '- Answer with the reworded reply only: no quotes, no explanations.',
].join('\n');

const slotLines = (slots: Readonly<Record<string, unknown>>): string =>
  Object.entries(slots).map(([k, v]) => `${k} = ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n') || '(none)';

export function rephrasePrompt(input: RephrasePromptInput): ChatMessage[] {
  const history = input.turns.map((t) => `${t.speaker === 'user' ? 'User' : 'Bot'}: ${t.text}`).join('\n') || '(none)';
  const user = [
    `What the bot knows (slots):\n${slotLines(input.slots)}`,
    `Conversation so far:\n${history}`,
    ...(input.askedSlot ? [`This reply asks the user for: ${input.askedSlot}`] : []),
    `At most ${input.maxChars} characters.`,
    `Reply to reword:\n${input.template}`,
  ].join('\n\n');
  return [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }];
}
