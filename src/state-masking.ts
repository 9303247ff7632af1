// Masks sensitive slot and entity values in a conversation view for callers that are not
// authorised. Values are replaced wherever they appear: in slots, entities, and inside the text
// of user and bot messages (a bot that repeats the phone number back must not leak it).
import type { Entity, Event } from './core/index.js';
import { maskSensitive } from './stores/encryption/mask.js';

export interface SensitiveNames { slots: readonly string[]; entities: readonly string[] }

export interface Masker {
  readonly active: boolean;
  slots(slots: Readonly<Record<string, unknown>>): Record<string, unknown>;
  entity<T extends Pick<Entity, 'entity' | 'value'>>(e: T): T;
  text(text: string | null): string | null;
  /** any JSON value: every string in it has the known values replaced */
  deep(value: unknown): unknown;
}

const NO_MASK: Masker = {
  active: false,
  slots: (s) => ({ ...s }),
  entity: (e) => e,
  text: (t) => t,
  deep: (v) => v,
};

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** Every plaintext sensitive value visible in these events and slots. */
function sensitiveValues(names: SensitiveNames, events: readonly Event[], slots: Readonly<Record<string, unknown>>): string[] {
  const found = new Set<string>();
  for (const name of names.slots) {
    const v = asText(slots[name]);
    if (v) found.add(v);
  }
  for (const e of events) {
    if (e.event === 'slot' && names.slots.includes(e.name)) {
      const v = asText(e.value);
      if (v) found.add(v);
    }
    if (e.event !== 'user') continue;
    for (const ent of e.parse_data.entities) {
      const v = names.entities.includes(ent.entity) ? asText(ent.value) : undefined;
      if (v) found.add(v);
    }
  }
  // longest first, so a value containing another is replaced whole
  return [...found].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
}

export function createMasker(opts: { authorized: boolean; names: SensitiveNames; events: readonly Event[]; slots: Readonly<Record<string, unknown>> }): Masker {
  const { names } = opts;
  if (opts.authorized || names.slots.length + names.entities.length === 0) return NO_MASK;
  const values = sensitiveValues(names, opts.events, opts.slots);
  const text = (t: string | null): string | null => {
    if (t === null) return null;
    let out = t;
    for (const v of values) out = out.split(v).join(maskSensitive(v));
    return out;
  };
  const deep = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(deep);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]));
    return v;
  };
  return {
    active: true,
    slots: (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, names.slots.includes(k) && v !== null ? maskSensitive(v) : deep(v)])),
    entity: (e) => (names.entities.includes(e.entity) ? { ...e, value: maskSensitive(e.value) } : { ...e, value: deep(e.value) }),
    text,
    deep,
  };
}
