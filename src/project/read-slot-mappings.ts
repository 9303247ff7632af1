// Slot `mappings:` (rasa-compat §5.1): from_entity, from_text, from_intent, from_trigger_intent, custom.
import type { Node } from 'yaml';
import type { MappingCondition, SlotMapping } from '../core/index.js';
import type { Entry, YamlSource } from './yaml-source.js';

const MAPPING_TYPES = ['from_entity', 'from_text', 'from_intent', 'from_trigger_intent', 'custom'] as const;
type MappingType = (typeof MAPPING_TYPES)[number];
const COMMON_KEYS = new Set(['type', 'intent', 'not_intent', 'conditions']);
const EXTRA_KEYS: Record<MappingType, string[]> = {
  from_entity: ['entity', 'role', 'group', 'adjust'], from_text: [], from_intent: ['value'],
  from_trigger_intent: ['value'], custom: ['action'],
};

export function readSlotMappings(src: YamlSource, slot: string, node: Node | null, line: number): SlotMapping[] {
  return src.items(node, `slot '${slot}': mappings`, line).map((item) => readMapping(src, slot, item));
}

function readMapping(src: YamlSource, slot: string, node: Node): SlotMapping {
  const what = `slot '${slot}': mapping`;
  const entries = src.entries(node, what);
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const typeEntry = byKey.get('type');
  if (!typeEntry) return src.fail(node, `${what} has no 'type' (expected one of ${MAPPING_TYPES.join(', ')})`);
  const type = src.str(typeEntry.value, `${what} type`, typeEntry.line);
  if (!isMappingType(type)) {
    return src.fail(typeEntry.value, `${what} has unknown type '${type}' (expected one of ${MAPPING_TYPES.join(', ')})`, typeEntry.line);
  }
  for (const e of entries) {
    if (!COMMON_KEYS.has(e.key) && !EXTRA_KEYS[type].includes(e.key)) {
      src.warn(e.value, 'unknown_key', `${what} of type ${type}: unknown key '${e.key}' ignored`, e.line);
    }
  }
  const mapping = buildMapping(src, what, type, byKey, node);
  readCommon(src, what, byKey, mapping);
  return mapping;
}

function buildMapping(src: YamlSource, what: string, type: MappingType, byKey: Map<string, Entry>, node: Node): SlotMapping {
  const optStr = (key: string): string | undefined => {
    const e = byKey.get(key);
    return e && !src.isNull(e.value) ? src.str(e.value, `${what} ${key}`, e.line) : undefined;
  };
  switch (type) {
    case 'from_entity': {
      const entity = optStr('entity');
      if (entity === undefined) return src.fail(node, `${what} of type from_entity needs 'entity'`);
      const m: SlotMapping = { type, entity };
      const role = optStr('role');
      const group = optStr('group');
      if (role !== undefined) m.role = role;
      if (group !== undefined) m.group = group;
      const adjust = optStr('adjust');
      if (adjust !== undefined) {
        if (adjust !== 'add' && adjust !== 'subtract') {
          const at = byKey.get('adjust') as Entry;
          return src.fail(at.value, `${what} of type from_entity: 'adjust' must be add or subtract, not '${adjust}'`, at.line);
        }
        m.adjust = adjust;
      }
      return m;
    }
    case 'from_intent':
    case 'from_trigger_intent': {
      const value = byKey.get('value');
      if (!value) return src.fail(node, `${what} of type ${type} needs 'value'`);
      return { type, value: src.js(value.value) };
    }
    case 'custom': {
      const action = optStr('action');
      return action === undefined ? { type } : { type, action };
    }
    case 'from_text':
      return { type };
  }
}

function readCommon(src: YamlSource, what: string, byKey: Map<string, Entry>, mapping: SlotMapping): void {
  const intent = byKey.get('intent');
  const notIntent = byKey.get('not_intent');
  const conditions = byKey.get('conditions');
  if (intent && !src.isNull(intent.value)) mapping.intent = src.strList(intent.value, `${what} intent`, intent.line);
  if (notIntent && !src.isNull(notIntent.value)) mapping.not_intent = src.strList(notIntent.value, `${what} not_intent`, notIntent.line);
  if (conditions) {
    mapping.conditions = src.items(conditions.value, `${what} conditions`, conditions.line)
      .map((c) => readCondition(src, what, c));
  }
}

function readCondition(src: YamlSource, what: string, node: Node): MappingCondition {
  const condition: MappingCondition = { active_loop: null };
  let sawLoop = false;
  for (const { key, value, line } of src.entries(node, `${what} condition`)) {
    const text = src.isNull(value) ? null : src.str(value, `${what} condition ${key}`, line);
    if (key === 'active_loop') { condition.active_loop = text; sawLoop = true; }
    else if (key === 'requested_slot') condition.requested_slot = text;
    else src.fail(value, `${what} condition has unknown key '${key}' (expected active_loop, requested_slot)`, line);
  }
  if (!sawLoop) src.fail(node, `${what} condition needs 'active_loop'`);
  return condition;
}

const isMappingType = (t: string): t is MappingType => (MAPPING_TYPES as readonly string[]).includes(t);
