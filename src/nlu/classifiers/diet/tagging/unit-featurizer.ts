// Message → tagging units + hashed feature ids per unit (hashing: no feature vocabulary to store).
import type { Token } from '../../../component.js';
import { compilePattern, findMatches, type PatternSource } from '../../../extractors/patterns.js';
import type { Gazetteer } from './gazetteer.js';
import { tagUnits } from './tag-tokens.js';
import type { UnitContext } from './unit-features.js';
import { unitFeatureHashes, unitFeatureHashesFlat, type FlatUnitHashes } from './unit-feature-hashes.js';

export interface FeaturizedUnits { units: Token[]; hashes: Int32Array[] }
export interface FlatFeaturizedUnits { units: Token[]; flat: FlatUnitHashes }

export class UnitFeaturizer {
  private readonly compiled: { name: string; regex: RegExp }[];

  /** `gazetteer`: the known entity values parsing looks up (none: no gazetteer features) */
  constructor(readonly characters: boolean, readonly patterns: readonly PatternSource[], readonly gazetteer?: Gazetteer) {
    const opts = { caseSensitive: false, wordBoundaries: !characters };
    this.compiled = patterns.map((p) => ({ name: p.name, regex: compilePattern(p, opts) }));
  }

  /**
   * `intent`: the message's intent (gold in training, predicted when parsing), which conditions the
   * unit features: the same words are different slots under different intents.
   * `cuts`: annotation boundaries to split units at (training only).
   * `gazetteer`: replaces this featurizer's own (training: the values of the other folds only).
   */
  featurize(text: string, tokens: readonly Token[], opts: { intent: string; cuts?: readonly number[]; gazetteer?: Gazetteer }): FeaturizedUnits {
    const ctx = this.context(text, tokens, opts);
    return { units: ctx.units, hashes: unitFeatureHashes(ctx) };
  }

  /** featurize() for parsing: the hashes flat, in a buffer the next call reuses (unitFeatureHashesFlat). */
  featurizeFlat(text: string, tokens: readonly Token[], opts: { intent: string }): FlatFeaturizedUnits {
    const ctx = this.context(text, tokens, opts);
    return { units: ctx.units, flat: unitFeatureHashesFlat(ctx) };
  }

  private context(text: string, tokens: readonly Token[], opts: { intent: string; cuts?: readonly number[]; gazetteer?: Gazetteer }): UnitContext & { units: Token[] } {
    const units = tagUnits(text, tokens, { characters: this.characters }, opts.cuts ?? []);
    const matches = this.compiled.flatMap((c) => findMatches(c.regex, c.name, text));
    const gazetteer = (opts.gazetteer ?? this.gazetteer)?.matches(text, units);
    return { units, matches, characters: this.characters, intent: opts.intent, ...(gazetteer ? { gazetteer } : {}) };
  }
}
