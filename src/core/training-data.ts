// Training data as the loader produces it: NLU examples, stories, rules, test stories, config.
import type { ResponseVariation } from './domain.js';

/** Where a thing came from, so every user-facing error can name the file and line. */
export interface SourceRef { file: string; line: number }

export interface AnnotatedEntity {
  entity: string;
  start: number;
  end: number;
  /** the surface text, or the synonym value when the annotation names one */
  value: string;
  role?: string;
  group?: string;
}

export interface NluExample {
  text: string;
  /** full intent name; for retrieval intents `chitchat/ask_name` */
  intent: string;
  entities: AnnotatedEntity[];
  metadata?: Record<string, unknown>;
  source?: SourceRef;
}

export interface RegexPattern { name: string; pattern: string; source?: SourceRef }
export interface LookupTable { name: string; elements: string[]; source?: SourceRef }

export interface NluTrainingData {
  examples: NluExample[];
  /** surface text (lower-cased) → canonical value */
  synonyms: Record<string, string>;
  regexes: RegexPattern[];
  lookups: LookupTable[];
  /** responses found in NLU files (retrieval intents) */
  responses: Record<string, ResponseVariation[]>;
}

export interface StoryEntity { entity: string; value?: unknown; role?: string; group?: string }

export interface UserStep {
  kind: 'user';
  /** base intent; for test stories the full retrieval intent is kept */
  intent?: string;
  /** end-to-end text with annotations removed */
  text?: string;
  /** entities given in the step, or annotated in its text */
  entities: StoryEntity[];
  source?: SourceRef;
}
export interface ActionStep { kind: 'action'; name: string; source?: SourceRef }
export interface BotStep { kind: 'bot'; text: string; source?: SourceRef }
export interface ActiveLoopStep { kind: 'active_loop'; name: string | null; source?: SourceRef }
export interface SlotAssertion { name: string; value: unknown; /** bare name: any non-null value */ anyValue?: boolean }
export interface SlotWasSetStep { kind: 'slot_was_set'; slots: SlotAssertion[]; source?: SourceRef }
export interface CheckpointStep { kind: 'checkpoint'; name: string; slotWasSet?: SlotAssertion[]; source?: SourceRef }
export interface OrStep { kind: 'or'; alternatives: (UserStep | SlotWasSetStep)[]; source?: SourceRef }

export type StoryStep = UserStep | ActionStep | BotStep | ActiveLoopStep | SlotWasSetStep | CheckpointStep | OrStep;

export interface Story {
  name: string;
  steps: StoryStep[];
  metadata?: Record<string, unknown>;
  source: SourceRef;
}

export interface Rule {
  name: string;
  steps: StoryStep[];
  /** only active_loop and slot_was_set steps */
  condition: (ActiveLoopStep | SlotWasSetStep)[];
  conversationStart: boolean;
  waitForUserInput: boolean;
  metadata?: Record<string, unknown>;
  source: SourceRef;
}

export interface ComponentConfig { name: string; [option: string]: unknown }

/** How the NLU reads Chinese text: traditional characters folded onto simplified ones and full-width letters and digits onto ASCII, or as written. */
export type ChineseScript = 'simplified' | 'as_written';

export interface ModelConfig {
  language: string;
  /** Parley's `chinese_script`; unset: `simplified` for Chinese models (language zh…), `as_written` otherwise */
  chineseScript?: ChineseScript;
  assistantId?: string;
  recipe?: string;
  pipeline: ComponentConfig[];
  policies: ComponentConfig[];
}

export function emptyNluData(): NluTrainingData {
  return { examples: [], synonyms: {}, regexes: [], lookups: [], responses: {} };
}
