// `slots:` of a domain file: types, influence, initial values, categorical values, float ranges.
import type { Node } from 'yaml';
import type { SlotDefinition, SlotType } from '../core/index.js';
import type { Located } from './read-intents.js';
import { readSlotMappings } from './read-slot-mappings.js';
import type { Entry, YamlSource } from './yaml-source.js';

const BUILTIN_TYPES = ['text', 'bool', 'categorical', 'float', 'list', 'any'] as const;
/** Rasa's own class paths for the built-in slot types are accepted too. */
const CLASS_ALIASES: Record<string, SlotType> = {
  TextSlot: 'text', BooleanSlot: 'bool', CategoricalSlot: 'categorical', FloatSlot: 'float', ListSlot: 'list', AnySlot: 'any',
};
const KNOWN_KEYS = new Set(['type', 'influence_conversation', 'initial_value', 'mappings', 'values', 'min_value', 'max_value']);

export function readSlots(src: YamlSource, node: Node | null): Located<SlotDefinition>[] {
  if (src.isNull(node)) return [];
  return src.entries(node, 'slots').map((entry) => ({ value: readSlot(src, entry), line: entry.line }));
}

function readSlot(src: YamlSource, { key: name, value: node, line }: Entry): SlotDefinition {
  const byKey = new Map(src.entries(node, `slot '${name}'`, line).map((e) => [e.key, e]));
  const slot: SlotDefinition = { name, ...readType(src, name, byKey.get('type'), line), influenceConversation: true, initialValue: null, mappings: [] };
  for (const [key, e] of byKey) {
    if (!KNOWN_KEYS.has(key)) src.warn(e.value, 'unknown_key', `slot '${name}': unknown key '${key}' ignored`, e.line);
  }
  const influence = byKey.get('influence_conversation');
  slot.influenceConversation = influence ? src.bool(influence.value, `slot '${name}': influence_conversation`, influence.line) : slot.type !== 'any';
  if (slot.type === 'any' && slot.influenceConversation) {
    src.fail(influence?.value ?? null, `slot '${name}' of type any cannot influence the conversation (set influence_conversation: false)`, influence?.line ?? line);
  }
  const initial = byKey.get('initial_value');
  if (initial) slot.initialValue = src.js(initial.value);
  const mappings = byKey.get('mappings');
  if (mappings) slot.mappings = readSlotMappings(src, name, mappings.value, mappings.line);
  else src.warn(node, 'missing_mappings', `slot '${name}' has no 'mappings' (required since Rasa 3.0); it can only be set by custom actions`, line);
  if (slot.type === 'categorical') slot.values = readCategoricalValues(src, name, byKey.get('values'), line);
  if (slot.type === 'float') readRange(src, slot, byKey, line);
  else if (slot.mappings.some((m) => m.type === 'from_entity' && m.adjust !== undefined)) {
    src.fail(mappings?.value ?? null, `slot '${name}': a mapping with 'adjust' needs a float slot, not ${slot.type}`, mappings?.line ?? line);
  }
  return slot;
}

function readType(src: YamlSource, name: string, entry: Entry | undefined, line: number): { type: SlotType; customClass?: string } {
  if (!entry) return src.fail(null, `slot '${name}' has no 'type' (expected one of ${BUILTIN_TYPES.join(', ')})`, line);
  const raw = src.str(entry.value, `slot '${name}': type`, entry.line);
  if ((BUILTIN_TYPES as readonly string[]).includes(raw)) return { type: raw as SlotType };
  const className = raw.slice(raw.lastIndexOf('.') + 1);
  const alias = CLASS_ALIASES[className];
  if (raw.includes('.') && alias && raw.startsWith('rasa.')) return { type: alias };
  if (raw.includes('.')) return { type: 'custom', customClass: raw };
  return src.fail(entry.value, `slot '${name}' has unknown type '${raw}' (expected one of ${BUILTIN_TYPES.join(', ')})`, entry.line);
}

function readCategoricalValues(src: YamlSource, name: string, entry: Entry | undefined, line: number): string[] {
  const values = entry ? src.items(entry.value, `slot '${name}': values`, entry.line).map((n) => String(src.js(n)).toLowerCase()) : [];
  if (!entry || values.length === 0) src.warn(entry?.value ?? null, 'empty_categorical', `categorical slot '${name}' has no values`, entry?.line ?? line);
  if (!values.includes('__other__')) values.push('__other__');
  return values;
}

function readRange(src: YamlSource, slot: SlotDefinition, byKey: Map<string, Entry>, line: number): void {
  const min = byKey.get('min_value');
  const max = byKey.get('max_value');
  slot.minValue = min ? src.num(min.value, `slot '${slot.name}': min_value`, min.line) : 0;
  slot.maxValue = max ? src.num(max.value, `slot '${slot.name}': max_value`, max.line) : 1;
  if (slot.minValue >= slot.maxValue) {
    src.fail(null, `float slot '${slot.name}' has min_value ${slot.minValue} not below max_value ${slot.maxValue}`, min?.line ?? max?.line ?? line);
  }
}
