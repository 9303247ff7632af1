// Asks a ChatModel for a JSON object and validates it with zod; an invalid answer gets exactly one
// repair attempt (the validation error is sent back), within the caller's overall time budget.
import type { z } from 'zod';
import type { ChatMessage, ChatModel, ChatRequest } from './chat-model.js';

export type StructuredAnswer<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: string; attempts: number };

export interface StructuredOptions {
  signal: AbortSignal;
  /** Date.now() after which no further call is started */
  deadline: number;
  /** how many times an invalid answer is sent back for repair (default 1) */
  repairs?: number;
}

/** The JSON object in an answer, tolerating code fences and prose around it. */
export function extractJson(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('the answer contains no JSON object');
  return JSON.parse(text.slice(start, end + 1));
}

function validate<T>(text: string, schema: z.ZodType<T>): { value: T } | { error: string } {
  let raw: unknown;
  try {
    raw = extractJson(text);
  } catch (err) {
    return { error: `not valid JSON (${(err as Error).message})` };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { value: parsed.data };
  return { error: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
}

const repairMessage = (error: string): ChatMessage => ({
  role: 'user',
  content: `Your answer was not valid: ${error}. Answer again with only the JSON object, nothing else.`,
});

/** Throws what the model throws (LlmFailure from a GuardedChatModel); invalid answers are returned. */
export async function completeStructured<T>(model: ChatModel, req: ChatRequest, schema: z.ZodType<T>, opts: StructuredOptions): Promise<StructuredAnswer<T>> {
  const messages = [...req.messages];
  const tries = 1 + (opts.repairs ?? 1);
  let error = 'no answer';
  for (let attempt = 1; attempt <= tries; attempt++) {
    const left = opts.deadline - Date.now();
    if (left <= 0) return { ok: false, error: `${error}; no time left to repair`, attempts: attempt - 1 };
    const result = await model.complete({ ...req, messages, json: true, timeoutMs: left }, opts.signal);
    const checked = validate(result.text, schema);
    if ('value' in checked) return { ok: true, value: checked.value, attempts: attempt };
    error = checked.error;
    messages.push({ role: 'assistant', content: result.text }, repairMessage(error));
  }
  return { ok: false, error, attempts: tries };
}
