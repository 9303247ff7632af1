// Decides whether the LLM's wording may replace the template: the policy's content must survive
// (numbers, slot values, the question for the requested slot) and nothing unwanted may be added.
import { numbersIn } from './numbers.js';

export type GuardReason = 'empty' | 'too_long' | 'banned_phrase' | 'goodbye_in_form' | 'dropped_value' | 'added_number' | 'stopped_asking';

export type GuardVerdict = { ok: true } | { ok: false; reason: GuardReason; detail?: string };

export interface GuardRules {
  maxLengthRatio: number;
  bannedPhrases: readonly string[];
  /** words that show the text still asks for a slot, per slot */
  slotKeywords: Readonly<Record<string, readonly string[]>>;
}

export interface GuardInput {
  template: string;
  candidate: string;
  /** every slot value (sensitive ones too: the candidate is compared after unmasking) */
  slots: Readonly<Record<string, unknown>>;
  /** the slot the reply asks for, or null */
  askedSlot: string | null;
  formActive: boolean;
  /** generated answers may state less than the template (they replace it rather than reword it) */
  mode?: 'rephrase' | 'generate';
}

/** Farewells that must not end a form that is still asking. */
export const GOODBYES_WHILE_ACTIVE: readonly string[] = ['再见', '拜拜', '回头见', '下次见', 'goodbye', 'bye'];
const QUESTION = /[?？吗呢]/;

/** The longest acceptable text: a ratio of the template (generated answers may be longer than a short template). */
export function lengthBudget(template: string, ratio: number, mode: GuardInput['mode'] = 'rephrase'): number {
  return Math.floor(ratio * Math.max(template.length, mode === 'generate' ? 40 : 1));
}

export const normaliseForCompare = (s: string): string =>
  s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

function droppedValue(input: GuardInput): string | undefined {
  const template = normaliseForCompare(input.template);
  const candidate = normaliseForCompare(input.candidate);
  for (const value of Object.values(input.slots)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const v = normaliseForCompare(String(value));
    // numbers are compared as numbers below ("2" is not "in" 13812345678)
    if (!v || /^\d+(\.\d+)?$/.test(v)) continue;
    if (template.includes(v) && !candidate.includes(v)) return String(value);
  }
  const have = numbersIn(input.candidate);
  for (const n of numbersIn(input.template)) if (!have.has(n)) return n;
  return undefined;
}

function addedNumber(input: GuardInput): string | undefined {
  const allowed = numbersIn(input.template);
  for (const n of numbersIn(input.candidate)) if (!allowed.has(n)) return n;
  return undefined;
}

function stillAsks(input: GuardInput, rules: GuardRules): boolean {
  if (!input.askedSlot || QUESTION.test(input.candidate)) return true;
  const words = [input.askedSlot, ...(rules.slotKeywords[input.askedSlot] ?? [])].map((w) => w.toLowerCase());
  const text = input.candidate.toLowerCase();
  return words.some((w) => text.includes(w));
}

const found = (text: string, phrases: readonly string[], unless = ''): string | undefined =>
  phrases.find((p) => text.toLowerCase().includes(p.toLowerCase()) && !unless.toLowerCase().includes(p.toLowerCase()));

export function guardRephrasing(input: GuardInput, rules: GuardRules): GuardVerdict {
  const candidate = input.candidate.trim();
  if (!candidate) return { ok: false, reason: 'empty' };
  const bye = input.formActive ? found(candidate, GOODBYES_WHILE_ACTIVE, input.template) : undefined;
  if (bye) return { ok: false, reason: 'goodbye_in_form', detail: bye };
  const banned = found(candidate, rules.bannedPhrases);
  if (banned) return { ok: false, reason: 'banned_phrase', detail: banned };
  if (candidate.length > lengthBudget(input.template, rules.maxLengthRatio, input.mode)) return { ok: false, reason: 'too_long' };
  const dropped = input.mode === 'generate' ? undefined : droppedValue(input);
  if (dropped) return { ok: false, reason: 'dropped_value', detail: dropped };
  const added = addedNumber(input);
  if (added) return { ok: false, reason: 'added_number', detail: added };
  if (!stillAsks(input, rules)) return { ok: false, reason: 'stopped_asking' };
  return { ok: true };
}
