// `forms:`, `actions:`, `session_config:` and `config:` of a domain file.
import type { Node } from 'yaml';
import type { ActionOptions, FormDefinition, SessionConfig } from '../core/index.js';
import type { Located } from './read-intents.js';
import type { YamlSource } from './yaml-source.js';

export function readForms(src: YamlSource, node: Node | null): Located<FormDefinition>[] {
  if (src.isNull(node)) return [];
  return src.entries(node, 'forms').map(({ key: name, value, line }) => {
    const form: FormDefinition = { name, requiredSlots: [], ignoredIntents: [] };
    if (src.isNull(value)) return { value: form, line };
    for (const e of src.entries(value, `form '${name}'`, line)) {
      if (e.key === 'required_slots') form.requiredSlots = readRequiredSlots(src, name, e.value, e.line);
      else if (e.key === 'ignored_intents') form.ignoredIntents = src.strList(e.value, `form '${name}': ignored_intents`, e.line);
      else src.warn(e.value, 'unknown_key', `form '${name}': unknown key '${e.key}' ignored`, e.line);
    }
    return { value: form, line };
  });
}

function readRequiredSlots(src: YamlSource, form: string, node: Node | null, line: number): string[] {
  if (!src.isMap(node)) return src.strList(node, `form '${form}': required_slots`, line);
  // Rasa 2.x wrote `required_slots: {slot: [mappings]}`; since 3.0 mappings live on the slots.
  src.warn(node, 'legacy_form', `form '${form}': required_slots as a mapping is the Rasa 2 format; its slot mappings are ignored (declare them under slots)`, line);
  return src.entries(node, `form '${form}': required_slots`, line).map((e) => e.key);
}

export interface DeclaredAction { name: string; options?: ActionOptions }

export function readActions(src: YamlSource, node: Node | null): Located<DeclaredAction>[] {
  return src.items(node, 'actions').map((item) => {
    const line = src.line(item);
    if (src.isScalar(item)) return { value: { name: src.str(item, 'action name') }, line };
    const [entry, ...rest] = src.entries(item, 'an action with options');
    if (!entry || rest.length > 0) src.fail(item, 'an action with options must be a single `name: {send_domain: ...}` entry');
    let sendDomain = false;
    if (!src.isNull(entry.value)) {
      for (const e of src.entries(entry.value, `action '${entry.key}'`, line)) {
        if (e.key === 'send_domain') sendDomain = src.bool(e.value, `action '${entry.key}': send_domain`, e.line);
        else src.warn(e.value, 'unknown_key', `action '${entry.key}': unknown key '${e.key}' ignored`, e.line);
      }
    }
    return { value: { name: entry.key, options: { sendDomain } }, line };
  });
}

export function readSessionConfig(src: YamlSource, node: Node | null, base: SessionConfig): SessionConfig {
  const config = { ...base };
  if (src.isNull(node)) return config;
  for (const { key, value, line } of src.entries(node, 'session_config')) {
    if (key === 'session_expiration_time') {
      config.sessionExpirationTime = src.num(value, 'session_config: session_expiration_time', line);
      if (config.sessionExpirationTime < 0) src.fail(value, 'session_config: session_expiration_time must be 0 or more', line);
    } else if (key === 'carry_over_slots_to_new_session') {
      config.carryOverSlots = src.bool(value, 'session_config: carry_over_slots_to_new_session', line);
    } else {
      src.warn(value, 'unknown_key', `session_config: unknown key '${key}' ignored`, line);
    }
  }
  return config;
}

/** The domain's `config:` block; only store_entities_as_slots exists. */
export function readDomainConfig(src: YamlSource, node: Node | null): boolean | undefined {
  if (src.isNull(node)) return undefined;
  let store: boolean | undefined;
  for (const { key, value, line } of src.entries(node, 'config')) {
    if (key === 'store_entities_as_slots') store = src.bool(value, 'config: store_entities_as_slots', line);
    else src.warn(value, 'unknown_key', `config: unknown key '${key}' ignored`, line);
  }
  return store;
}
