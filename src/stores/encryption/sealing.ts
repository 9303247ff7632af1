// Where sensitive values sit in events, and how they are sealed and opened. Sealed: values of
// sensitive slots; values (and surface text) of sensitive entities in `user` parse data and
// `entities` events; the whole text of a user message that carried a sensitive entity or
// contains a sensitive value (e.g. a from_text slot); the text of a bot message that contains
// one (an interpolated confirmation). Opening is generic: every envelope anywhere is opened.
import type { Entity, Event } from '../../core/index.js';
import { isEnvelope, type Keyring } from './keyring.js';

export interface SensitiveSpec { slots: ReadonlySet<string>; entities: ReadonlySet<string> }

/** values shorter than this are not searched for in texts (too many false matches) */
const MIN_MATCH_LENGTH = 3;

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : undefined;

/** The sensitive values an event reveals (slot values, entity values and surface texts). */
export function sensitiveValuesOf(e: Event, spec: SensitiveSpec): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    const t = asText(v);
    if (t !== undefined && t.length >= MIN_MATCH_LENGTH) out.push(t);
    else if (Array.isArray(v)) v.forEach(add);
  };
  if (e.event === 'slot' && spec.slots.has(e.name)) add(e.value);
  const entities = e.event === 'user' ? e.parse_data?.entities : e.event === 'entities' ? e.entities : undefined;
  for (const en of entities ?? []) if (spec.entities.has(en.entity)) { add(en.value); add(en.text); }
  return out;
}

export function sealEvent(e: Event, spec: SensitiveSpec, keyring: Keyring, values: readonly string[]): Event {
  const seal = (v: unknown) => keyring.seal(JSON.stringify(v ?? null)) as unknown;
  const mentions = (text: unknown) => typeof text === 'string' && values.some((v) => text.includes(v));
  switch (e.event) {
    case 'slot':
      return spec.slots.has(e.name) ? { ...e, value: seal(e.value) } : e;
    case 'entities':
      return { ...e, entities: sealEntities(e.entities, spec, seal) };
    case 'bot':
      return mentions(e.text) ? { ...e, text: seal(e.text) as string } : e;
    case 'user': {
      const entities = e.parse_data?.entities ?? [];
      const carries = entities.some((en) => spec.entities.has(en.entity));
      if (!carries && !mentions(e.text) && !mentions(e.parse_data?.text)) return e;
      return {
        ...e,
        text: seal(e.text) as string,
        parse_data: { ...e.parse_data, text: seal(e.parse_data.text) as string, entities: sealEntities(entities, spec, seal) },
      };
    }
    default:
      return e;
  }
}

function sealEntities(entities: Entity[], spec: SensitiveSpec, seal: (v: unknown) => unknown): Entity[] {
  return entities.map((en) => {
    if (!spec.entities.has(en.entity)) return en;
    return { ...en, value: seal(en.value), ...(en.text !== undefined ? { text: seal(en.text) as string } : {}) };
  });
}

/** Replaces every envelope inside `value` by the value it seals (copying only what changes). */
export function openDeep<T>(value: T, keyring: Keyring): T {
  if (isEnvelope(value)) return JSON.parse(keyring.open(value)) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const o = openDeep(v, keyring);
      if (o !== v) changed = true;
      return o;
    });
    return (changed ? out : value) as T;
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const o = openDeep(v, keyring);
      if (o !== v) changed = true;
      out[k] = o;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

/** Re-seals, under the newest key, every envelope sealed with an older one; undefined if none. */
export function resealDeep<T>(value: T, keyring: Keyring): T | undefined {
  if (isEnvelope(value)) return value.kid === keyring.newestId ? undefined : (keyring.seal(keyring.open(value)) as T);
  if (!value || typeof value !== 'object') return undefined;
  let changed = false;
  const out: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as Record<string, unknown>) };
  for (const [k, v] of Object.entries(value)) {
    const r = resealDeep(v, keyring);
    if (r === undefined) continue;
    changed = true;
    out[k] = r;
  }
  return changed ? (out as T) : undefined;
}
