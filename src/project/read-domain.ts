// One domain file (or one file of a domain/ directory) → its declarations, each with a line.
import type { Node } from 'yaml';
import { DEFAULT_SESSION_CONFIG } from '../core/index.js';
import type { EntityDefinition, FormDefinition, IntentDefinition, SessionConfig, SlotDefinition } from '../core/index.js';
import { readActions, readDomainConfig, readForms, readSessionConfig } from './read-forms.js';
import type { DeclaredAction } from './read-forms.js';
import { readEntities, readIntents } from './read-intents.js';
import type { Located } from './read-intents.js';
import { readResponses } from './read-responses.js';
import type { NamedResponse } from './read-responses.js';
import { readSlots } from './read-slots.js';
import type { YamlSource } from './yaml-source.js';

export const DOMAIN_KEYS: readonly string[] = [
  'version', 'intents', 'entities', 'slots', 'responses', 'actions', 'forms', 'config', 'session_config', 'e2e_actions',
];

export interface DomainPart {
  file: string;
  /** a data file's `responses:` (retrieval responses); its duplicates are only warnings */
  fromData?: boolean;
  intents: Located<IntentDefinition>[];
  entities: Located<EntityDefinition>[];
  slots: Located<SlotDefinition>[];
  responses: Located<NamedResponse>[];
  actions: Located<DeclaredAction>[];
  forms: Located<FormDefinition>[];
  sessionConfig?: Located<SessionConfig>;
  storeEntitiesAsSlots?: Located<boolean>;
}

export const emptyDomainPart = (file: string): DomainPart =>
  ({ file, intents: [], entities: [], slots: [], responses: [], actions: [], forms: [] });

/** Reads the domain keys of a file's root mapping; other keys are the caller's business. */
export function readDomainPart(src: YamlSource, root: Node | null): DomainPart {
  const part = emptyDomainPart(src.file);
  if (src.isNull(root)) return part;
  for (const { key, value, line } of src.entries(root, 'a domain file')) {
    switch (key) {
      case 'intents': part.intents = readIntents(src, value); break;
      case 'entities': part.entities = readEntities(src, value); break;
      case 'slots': part.slots = readSlots(src, value); break;
      case 'responses': part.responses = readResponses(src, value); break;
      case 'actions': part.actions = readActions(src, value); break;
      case 'forms': part.forms = readForms(src, value); break;
      case 'session_config': part.sessionConfig = { value: readSessionConfig(src, value, DEFAULT_SESSION_CONFIG), line }; break;
      case 'config': {
        const store = readDomainConfig(src, value);
        if (store !== undefined) part.storeEntitiesAsSlots = { value: store, line };
        break;
      }
      case 'version': break;
      case 'e2e_actions': src.warn(value, 'unsupported_key', 'e2e_actions are not used by Parley; ignored', line); break;
      default: src.warn(value, 'unknown_key', `unknown domain key '${key}' ignored`, line);
    }
  }
  return part;
}
