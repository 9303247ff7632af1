// Where each domain declaration was written, kept beside the Domain so validation can point at it.
import type { SourceRef } from '../core/index.js';

export type DomainKind = 'intents' | 'entities' | 'slots' | 'responses' | 'actions' | 'forms';

export type DomainSources = Record<DomainKind, Record<string, SourceRef>>;

export const emptyDomainSources = (): DomainSources =>
  ({ intents: {}, entities: {}, slots: {}, responses: {}, actions: {}, forms: {} });

export const KIND_LABEL: Record<DomainKind, string> = {
  intents: 'intent', entities: 'entity', slots: 'slot', responses: 'response', actions: 'action', forms: 'form',
};
