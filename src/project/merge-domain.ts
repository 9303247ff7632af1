// Merges domain parts (domain/ directory files, responses from data files) into one Domain.
import { emptyDomain } from '../core/index.js';
import type { Domain } from '../core/index.js';
import { emptyDomainSources, KIND_LABEL } from './domain-sources.js';
import type { DomainKind, DomainSources } from './domain-sources.js';
import { issue, projectError } from './issues.js';
import type { ProjectIssue } from './issues.js';
import type { DomainPart } from './read-domain.js';
import type { Located } from './read-intents.js';

export interface MergedDomain { domain: Domain; sources: DomainSources }

/**
 * Duplicate slots, forms and domain responses are errors naming both places; a response that a
 * data file repeats, and repeated intents, entities or actions, are warnings (the first wins).
 */
export function mergeDomainParts(parts: DomainPart[], warnings: ProjectIssue[]): MergedDomain {
  const domain = emptyDomain();
  const sources = emptyDomainSources();
  const add = <T extends { name: string }>(kind: DomainKind, file: string, items: Located<T>[], onNew: (v: T) => void, fatal: boolean): void => {
    for (const { value, line } of items) {
      const previous = sources[kind][value.name];
      if (previous) {
        const message = `${KIND_LABEL[kind]} '${value.name}' is declared twice (also at ${previous.file}:${previous.line})`;
        if (fatal) throw projectError(file, line, message);
        warnings.push(issue(file, line, 'duplicate_declaration', `${message}; the first one is kept`));
        continue;
      }
      sources[kind][value.name] = { file, line };
      onNew(value);
    }
  };
  let session: { file: string; line: number } | undefined;
  let storeConfig: { file: string; line: number } | undefined;
  for (const part of parts) {
    add('intents', part.file, part.intents, (v) => domain.intents.push(v), false);
    add('entities', part.file, part.entities, (v) => domain.entities.push(v), false);
    add('slots', part.file, part.slots, (v) => domain.slots.push(v), true);
    add('responses', part.file, part.responses, (v) => { domain.responses[v.name] = v.variations; }, !part.fromData);
    add('actions', part.file, part.actions, (v) => {
      domain.actions.push(v.name);
      if (v.options) domain.actionOptions[v.name] = v.options;
    }, false);
    add('forms', part.file, part.forms, (v) => { domain.forms[v.name] = v; }, true);
    if (part.sessionConfig) {
      if (session) throw projectError(part.file, part.sessionConfig.line, `session_config is declared twice (also at ${session.file}:${session.line})`);
      session = { file: part.file, line: part.sessionConfig.line };
      domain.sessionConfig = part.sessionConfig.value;
    }
    if (part.storeEntitiesAsSlots) {
      if (storeConfig) throw projectError(part.file, part.storeEntitiesAsSlots.line, `config is declared twice (also at ${storeConfig.file}:${storeConfig.line})`);
      storeConfig = { file: part.file, line: part.storeEntitiesAsSlots.line };
      domain.storeEntitiesAsSlots = part.storeEntitiesAsSlots.value;
    }
  }
  return { domain, sources };
}
