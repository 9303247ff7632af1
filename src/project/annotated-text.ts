// Rasa's entity annotation grammar in training examples (rasa-compat §5.2):
// [surface](entity) | [surface](entity:synonym) | [surface]{"entity": ..} | [surface][{..}, {..}]
import type { AnnotatedEntity } from '../core/index.js';
import { ParleyError } from '../errors.js';

const ANNOTATION = /\[(?<surface>[^\]]+?)\](?:\((?<entity>[^:)]+?)(?::(?<value>[^)]+))?\)|\{(?<dict>[^}]+?)\}|\[(?<list>.*?)\])/g;

export interface AnnotatedText { text: string; entities: AnnotatedEntity[] }

/** Removes annotations from `text`; entity offsets refer to the cleaned text. */
export function parseAnnotatedText(text: string): AnnotatedText {
  const entities: AnnotatedEntity[] = [];
  let clean = '';
  let last = 0;
  for (const match of text.matchAll(ANNOTATION)) {
    const groups = match.groups ?? {};
    const surface = groups['surface'] ?? '';
    clean += text.slice(last, match.index);
    const start = clean.length;
    clean += surface;
    last = match.index + match[0].length;
    for (const spec of annotationSpecs(groups, match[0])) {
      entities.push(toEntity(spec, surface, start, match[0]));
    }
  }
  clean += text.slice(last);
  return { text: clean, entities };
}

type Spec = Record<string, unknown>;

function annotationSpecs(groups: Record<string, string | undefined>, raw: string): Spec[] {
  if (groups['entity'] !== undefined) {
    const spec: Spec = { entity: groups['entity'] };
    if (groups['value'] !== undefined) spec['value'] = groups['value'];
    return [spec];
  }
  if (groups['dict'] !== undefined) return [parseJson(`{${groups['dict']}}`, raw) as Spec];
  const list = parseJson(`[${groups['list'] ?? ''}]`, raw);
  if (!Array.isArray(list)) throw annotationError(raw, 'expected a list of entity objects');
  return list as Spec[];
}

function parseJson(json: string, raw: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch (cause) {
    throw annotationError(raw, `its JSON is invalid (${(cause as Error).message})`);
  }
}

function toEntity(spec: Spec, surface: string, start: number, raw: string): AnnotatedEntity {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw annotationError(raw, 'expected an entity object');
  const name = spec['entity'];
  if (typeof name !== 'string' || name.trim() === '') throw annotationError(raw, "the key 'entity' is required");
  const value = spec['value'];
  const entity: AnnotatedEntity = {
    entity: name.trim(), start, end: start + surface.length,
    value: value === undefined || value === null ? surface : String(value),
  };
  if (spec['role'] !== undefined && spec['role'] !== null) entity.role = String(spec['role']);
  if (spec['group'] !== undefined && spec['group'] !== null) entity.group = String(spec['group']);
  return entity;
}

function annotationError(raw: string, why: string): ParleyError {
  return new ParleyError('PROJECT_INVALID', `invalid entity annotation '${raw}': ${why}`);
}
