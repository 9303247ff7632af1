// The few-shot prompt of the intent check: the bot's own examples for the likely intents, the list
// of every intent, and the (masked) message. The model must answer with one JSON object.
import type { ChatMessage } from '../chat-model.js';

export const NLU_FALLBACK_INTENT = 'nlu_fallback';

export interface IntentCheckPromptInput {
  /** the user's message, sensitive values already masked */
  text: string;
  /** the classifier's best intents, best first */
  candidates: readonly string[];
  /** every intent the bot knows */
  intents: readonly string[];
  /** training examples per candidate intent */
  examples: Readonly<Record<string, readonly string[]>>;
}

const SYSTEM = [
  'You classify the intent of one user message sent to a chatbot.',
  'Choose exactly one intent name from the list of intents; never invent a name.',
  `If no intent fits the message, answer "${NLU_FALLBACK_INTENT}".`,
  'Placeholders such as <phone> stand for values that were removed for privacy.',
  'Answer with only a JSON object: {"intent": "<name>", "confidence": <number from 0 to 1>, "reason": "<a few words>"}.',
].join('\n');

function exampleLines(input: IntentCheckPromptInput): string[] {
  const lines: string[] = [];
  for (const intent of input.candidates) {
    const examples = input.examples[intent] ?? [];
    if (examples.length === 0) continue;
    lines.push(`${intent}:`, ...examples.map((e) => `  - ${JSON.stringify(e)}`));
  }
  return lines;
}

export function intentCheckPrompt(input: IntentCheckPromptInput): ChatMessage[] {
  const examples = exampleLines(input);
  const user = [
    `Intents: ${[...input.intents, NLU_FALLBACK_INTENT].filter((v, i, a) => a.indexOf(v) === i).join(', ')}`,
    `Most likely, according to the bot's classifier (best first): ${input.candidates.join(', ') || '(none)'}`,
    ...(examples.length > 0 ? ['Examples of messages for these intents:', ...examples] : []),
    `Message: ${JSON.stringify(input.text)}`,
  ].join('\n');
  return [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }];
}
