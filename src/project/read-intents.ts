// `intents:` and `entities:` of a domain file.
import type { Node } from 'yaml';
import type { EntityDefinition, IntentDefinition } from '../core/index.js';
import type { YamlSource } from './yaml-source.js';

/** A declaration with the line it came from. */
export interface Located<T> { value: T; line: number }

export function readIntents(src: YamlSource, node: Node | null): Located<IntentDefinition>[] {
  return src.items(node, 'intents').map((item) => {
    const line = src.line(item);
    if (src.isScalar(item)) return { value: { name: src.str(item, 'intent name'), useEntities: true, ignoreEntities: [] }, line };
    const [entry, ...rest] = src.entries(item, 'an intent with properties');
    if (!entry || rest.length > 0) src.fail(item, 'an intent with properties must be a single `name: {...}` entry');
    return { value: readIntentProperties(src, entry.key, entry.value, line), line };
  });
}

function readIntentProperties(src: YamlSource, name: string, node: Node | null, line: number): IntentDefinition {
  const intent: IntentDefinition = { name, useEntities: true, ignoreEntities: [] };
  if (src.isNull(node)) return intent;
  let sawUse = false;
  for (const { key, value, line: keyLine } of src.entries(node, `intent '${name}'`, line)) {
    if (key === 'use_entities') {
      sawUse = true;
      intent.useEntities = src.isSeq(value) ? src.strList(value, 'use_entities', keyLine)
        : src.bool(value, `intent '${name}': use_entities`, keyLine) ? true : [];
    } else if (key === 'ignore_entities') {
      intent.ignoreEntities = src.strList(value, `intent '${name}': ignore_entities`, keyLine);
    } else if (key === 'triggers') {
      src.warn(value, 'removed_key', `intent '${name}': 'triggers' was removed in Rasa 3.0 (use a rule); ignored`, keyLine);
    } else {
      src.warn(value, 'unknown_key', `intent '${name}': unknown key '${key}' ignored`, keyLine);
    }
  }
  if (sawUse && intent.ignoreEntities.length > 0) {
    src.fail(node, `intent '${name}' may set use_entities or ignore_entities, not both`, line);
  }
  return intent;
}

export function readEntities(src: YamlSource, node: Node | null): Located<EntityDefinition>[] {
  return src.items(node, 'entities').map((item) => {
    const line = src.line(item);
    if (src.isScalar(item)) return { value: { name: src.str(item, 'entity name'), roles: [], groups: [] }, line };
    const [entry, ...rest] = src.entries(item, 'an entity with properties');
    if (!entry || rest.length > 0) src.fail(item, 'an entity with properties must be a single `name: {...}` entry');
    const entity: EntityDefinition = { name: entry.key, roles: [], groups: [] };
    if (src.isNull(entry.value)) return { value: entity, line };
    for (const { key, value, line: keyLine } of src.entries(entry.value, `entity '${entry.key}'`, line)) {
      if (key === 'roles') entity.roles = src.strList(value, `entity '${entry.key}': roles`, keyLine);
      else if (key === 'groups') entity.groups = src.strList(value, `entity '${entry.key}': groups`, keyLine);
      else if (key !== 'influence_conversation') {
        src.warn(value, 'unknown_key', `entity '${entry.key}': unknown key '${key}' ignored`, keyLine);
      }
    }
    return { value: entity, line };
  });
}
