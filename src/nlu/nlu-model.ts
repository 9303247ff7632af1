// A trained NLU model: the intent shortcut, then the pipeline, producing Rasa's parse result.
import { foldChinese, type Domain, type ParseData } from '../core/index.js';
import { restoreWrittenValues } from './chinese-script-fold.js';
import type { NluComponent } from './component.js';
import type { NluModelData } from './nlu-model-data.js';
import { resolveSameTypeOverlaps } from './pipeline/entity-overlaps.js';
import { createMessage } from './pipeline/message.js';
import { IntentShortcut } from './shortcut/intent-shortcut.js';

export interface ParseOptions { messageId?: string; metadata?: Record<string, unknown> }

export interface NluModel {
  parse(text: string, opts?: ParseOptions): Promise<ParseData>;
  readonly fingerprint: string;
  readonly language: string;
  /** what training substituted or skipped (e.g. spaCy components), for the CLI to show */
  readonly warnings: readonly string[];
  persist(): NluModelData;
}

const byPosition = (a: { start?: number; end?: number }, b: { start?: number; end?: number }): number =>
  (a.start ?? 0) - (b.start ?? 0) || (a.end ?? 0) - (b.end ?? 0);

/** Rasa's output shape and key order; keys without a value are left out. */
function finalise(parse: ParseData, messageId: string | undefined): ParseData {
  const out: ParseData = {
    text: parse.text,
    intent: parse.intent,
    entities: resolveSameTypeOverlaps(parse.entities).sort(byPosition),
    intent_ranking: parse.intent_ranking ?? [],
  };
  if (parse.response_selector) out.response_selector = parse.response_selector;
  if (messageId !== undefined) out.message_id = messageId;
  out.parley = parse.parley ?? (parse.intent ? { decided_by: 'classifier' } : { decided_by: 'none', reason: 'the pipeline predicts no intent' });
  return out;
}

/**
 * How much of a message the pipeline reads: a chat message is seldom a tenth of it, and a pasted
 * book must not hold the server (parse time grows faster than the length: 19,000 characters of
 * orders took 0.8 s). The parse result keeps the whole text; its entities lie in this much of it.
 */
export const MAX_PARSED_CHARS = 2_000;

/** The first MAX_PARSED_CHARS characters, not ending inside a surrogate pair. */
function headOf(text: string): string {
  if (text.length <= MAX_PARSED_CHARS) return text;
  const last = text.charCodeAt(MAX_PARSED_CHARS - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_PARSED_CHARS - 1 : MAX_PARSED_CHARS);
}

export class PipelineNluModel implements NluModel {
  private readonly shortcut: IntentShortcut;

  constructor(private readonly components: readonly NluComponent[], private readonly data: NluModelData, domain: Domain) {
    this.shortcut = new IntentShortcut(domain);
  }

  get fingerprint(): string {
    return this.data.fingerprint;
  }

  get language(): string {
    return this.data.language;
  }

  get warnings(): readonly string[] {
    return this.data.warnings;
  }

  async parse(text: string, opts: ParseOptions = {}): Promise<ParseData> {
    const direct = this.shortcut.parse(text);
    if (direct) return finalise(direct, opts.messageId);
    const forms = this.data.chinese_script === 'simplified' ? this.data.written_forms ?? {} : undefined;
    const head = headOf(text);
    const read = forms ? foldChinese(head) : head;
    const msg = createMessage(read, opts.metadata ?? {});
    msg.parse.text = text;
    for (const component of this.components) {
      const pending = component.process(msg);
      if (pending) await pending;
    }
    if (forms) restoreWrittenValues(msg.parse.entities, read, head, forms);
    return finalise(msg.parse, opts.messageId);
  }

  persist(): NluModelData {
    return this.data;
  }
}
