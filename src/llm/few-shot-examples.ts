// The bot's own training examples grouped by intent for few-shot prompts, with the spans of
// sensitive entities replaced by placeholders (examples may hold realistic phone numbers).
import type { NluExample } from '../core/index.js';

function masked(example: NluExample, sensitive: ReadonlySet<string>): string {
  const spans = example.entities.filter((e) => sensitive.has(e.entity)).sort((a, b) => b.start - a.start);
  let text = example.text;
  for (const e of spans) text = `${text.slice(0, e.start)}<${e.entity}>${text.slice(e.end)}`;
  return text;
}

/** intent (retrieval intents under their base name) → example texts, sensitive spans masked. */
export function examplesByIntent(examples: readonly NluExample[], opts: { sensitiveEntities?: readonly string[] } = {}): Record<string, string[]> {
  const sensitive = new Set(opts.sensitiveEntities ?? []);
  const out: Record<string, string[]> = {};
  for (const ex of examples) {
    const intent = ex.intent.split('/')[0] ?? ex.intent;
    (out[intent] ??= []).push(masked(ex, sensitive));
  }
  return out;
}

/** `n` examples spread over the list (the first ones are often the most alike). */
export function spreadPick<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(items[Math.floor((i * items.length) / n)] as T);
  return out;
}
