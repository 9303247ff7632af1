// Keeps sensitive values out of anything sent to an LLM: each known value becomes a placeholder
// such as <phone>, and placeholders in the LLM's answer are turned back into the values.
import type { Entity } from '../core/index.js';

export interface Secret {
  value: string;
  /** the entity or slot type, used to name the placeholder */
  label: string;
}

const MIN_SECRET_LENGTH = 2;

export class Redactor {
  private readonly pairs: { value: string; placeholder: string }[] = [];

  constructor(secrets: readonly Secret[]) {
    const seen = new Map<string, number>();
    const unique = [...new Map(secrets.filter((s) => s.value.length >= MIN_SECRET_LENGTH).map((s) => [s.value, s])).values()];
    // longest first, so a value containing another is replaced whole
    unique.sort((a, b) => b.value.length - a.value.length);
    for (const s of unique) {
      const n = (seen.get(s.label) ?? 0) + 1;
      seen.set(s.label, n);
      this.pairs.push({ value: s.value, placeholder: n === 1 ? `<${s.label}>` : `<${s.label}_${n}>` });
    }
  }

  get isEmpty(): boolean { return this.pairs.length === 0; }

  mask(text: string): string {
    let out = text;
    for (const p of this.pairs) out = out.split(p.value).join(p.placeholder);
    return out;
  }

  unmask(text: string): string {
    let out = text;
    for (const p of this.pairs) out = out.split(p.placeholder).join(p.value);
    return out;
  }
}

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** The values (surface text and normalised value) of the entities whose type is sensitive. */
export function entitySecrets(text: string | null, entities: readonly Entity[], sensitive: ReadonlySet<string>): Secret[] {
  const out: Secret[] = [];
  for (const e of entities) {
    if (!sensitive.has(e.entity)) continue;
    const surface = e.text ?? (text !== null && e.start !== undefined && e.end !== undefined ? text.slice(e.start, e.end) : undefined);
    for (const v of [surface, asText(e.value)]) if (v) out.push({ value: v, label: e.entity });
  }
  return out;
}

/** A slot value as secrets (lists: each element). */
export function valueSecrets(label: string, value: unknown): Secret[] {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => {
    const t = asText(v);
    return t ? [{ value: t, label }] : [];
  });
}
