// The intent shortcut (Rasa's RegexMessageHandler): `/intent@0.9{"entity": "value"}` bypasses NLU.
// Buttons send these payloads. It applies only to intents of the domain; anything else is plain text.
import type { Domain, Entity, ParseData } from '../../core/index.js';
import { intentNames } from '../../core/index.js';

const SHORTCUT = /^\/(?<intent>[^{@]+)(?<confidence>@[0-9.]+)?(?<entities>\{.+\})?(?<rest>.*)/d;
export const SHORTCUT_EXTRACTOR = 'RegexMessageHandler';

function confidenceOf(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const value = Number(raw.slice(1));
  return Number.isFinite(value) ? Math.min(value, 1) : 1;
}

export class IntentShortcut {
  private readonly intents: Set<string>;
  private readonly entities: Set<string>;

  constructor(domain: Domain) {
    this.intents = new Set(intentNames(domain));
    this.entities = new Set(domain.entities.map((e) => e.name));
  }

  /** The parse result for a shortcut message, or undefined when the text is to go through NLU. */
  parse(text: string): ParseData | undefined {
    // every message passes here: most do not start with '/', and need no regex (with indices) run
    if (text.charCodeAt(0) !== 0x2f) return undefined;
    const m = SHORTCUT.exec(text);
    const groups = m?.groups;
    if (!m || !groups) return undefined;
    const name = (groups['intent'] ?? '').trim();
    const intent = this.intentFor(name);
    if (!intent) return undefined;
    const entities = this.entitiesOf(groups['entities'], m.indices?.groups?.['entities']);
    if (!entities) return undefined;
    const prediction = { ...intent, confidence: confidenceOf(groups['confidence']) };
    return {
      text,
      intent: prediction,
      entities,
      intent_ranking: [{ name: prediction.name, confidence: prediction.confidence }],
      parley: { decided_by: 'shortcut' },
    };
  }

  /** `/chitchat/ask_name` names a retrieval intent: the domain knows its base `chitchat`. */
  private intentFor(name: string): { name: string; full_retrieval_intent_name?: string } | undefined {
    if (this.intents.has(name)) return { name };
    const slash = name.indexOf('/');
    if (slash > 0 && this.intents.has(name.slice(0, slash))) return { name: name.slice(0, slash), full_retrieval_intent_name: name };
    return undefined;
  }

  /** Entities of the JSON dict (list values expand); undefined when the JSON is invalid. */
  private entitiesOf(json: string | undefined, span: [number, number] | undefined): Entity[] | undefined {
    if (json === undefined || !span) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const [start, end] = span;
    const out: Entity[] = [];
    for (const [entity, value] of Object.entries(parsed)) {
      if (!this.entities.has(entity)) continue;
      for (const v of Array.isArray(value) ? value : [value]) out.push({ entity, start, end, value: v, extractor: SHORTCUT_EXTRACTOR });
    }
    return out;
  }
}
