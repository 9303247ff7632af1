// KeywordIntentClassifier: an example text found in the message (as whole words; anywhere for Chinese)
// decides the intent with confidence 1. Keywords shared by several intents are dropped as ambiguous.
import { z } from 'zod';
import type { Message, TrainableNluComponent, TrainingContext } from '../component.js';
import { compilePattern, lookupPattern } from '../extractors/patterns.js';
import { defineComponent, parseState } from '../pipeline/component-spec.js';
import { baseIntent } from './ranking.js';

const options = z.object({ case_sensitive: z.boolean().default(true) }).strict();

export class KeywordIntentClassifier implements TrainableNluComponent {
  readonly name = 'KeywordIntentClassifier';
  private keywords: Record<string, string> = {};
  private regex: RegExp | undefined;

  constructor(private readonly caseSensitive: boolean, keywords?: Record<string, string>) {
    if (keywords) this.setKeywords(keywords);
  }

  private norm(text: string): string {
    return this.caseSensitive ? text : text.toLowerCase();
  }

  private setKeywords(keywords: Record<string, string>): void {
    this.keywords = keywords;
    const words = Object.keys(keywords);
    this.regex = words.length === 0 ? undefined
      : compilePattern({ name: 'keywords', pattern: lookupPattern(words) }, { caseSensitive: this.caseSensitive, wordBoundaries: true });
  }

  train(ctx: TrainingContext): void {
    const owners = new Map<string, Set<string>>();
    for (const ex of ctx.data.examples) {
      const key = this.norm(ex.text.trim());
      if (key) owners.set(key, (owners.get(key) ?? new Set()).add(baseIntent(ex.intent)));
    }
    const keywords: Record<string, string> = {};
    for (const [key, intents] of [...owners].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (intents.size === 1) keywords[key] = [...intents][0] as string;
    }
    this.setKeywords(keywords);
  }

  process(msg: Message): void {
    if (!this.regex) return;
    this.regex.lastIndex = 0;
    const match = this.regex.exec(msg.text);
    const intent = match ? this.keywords[this.norm(match[0])] : undefined;
    if (intent === undefined) return;
    msg.parse.intent = { name: intent, confidence: 1 };
    msg.parse.intent_ranking = [{ name: intent, confidence: 1 }];
    msg.parse.parley = { decided_by: 'keyword', reason: `keyword "${match?.[0] ?? ''}"` };
  }

  persist(): { keywords: Record<string, string> } {
    return { keywords: this.keywords };
  }
}

const stateSchema = z.object({ keywords: z.record(z.string(), z.string()) });

export const keywordIntentClassifierSpec = defineComponent({
  stage: 'classifier',
  options,
  create: (o, env) => new KeywordIntentClassifier(o.case_sensitive, env.state === undefined ? undefined : parseState(stateSchema, env).keywords),
});
