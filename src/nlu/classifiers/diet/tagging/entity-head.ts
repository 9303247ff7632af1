// The entity half of the DIET stand-in: BILOU tags over units, a CRF trained with early stopping on
// the held-out slice (span F1), optionally refitted on all the data.
import { z } from 'zod';
import type { AnnotatedEntity } from '../../../../core/index.js';
import { ParleyError } from '../../../../errors.js';
import type { Token } from '../../../component.js';
import type { PatternSource } from '../../../extractors/patterns.js';
import type { Holdout } from '../holdout.js';
import { decodeBilou, encodeBilou } from './bilou.js';
import { CrfModel, crfModelSchema, type CrfDecoder } from './crf-model.js';
import { CrfStructure } from './crf-structure.js';
import { foldGazetteers, fullGazetteer, Gazetteer, gazetteerSchema } from './gazetteer.js';
import { trimPunctuation } from './span-edges.js';
import { trainCrf, type CrfSentence } from './train-crf.js';
import { UnitFeaturizer, type FeaturizedUnits } from './unit-featurizer.js';

export const entityHeadSchema = z.object({
  characters: z.boolean(),
  patterns: z.array(z.object({ name: z.string(), pattern: z.string() })),
  crf: crfModelSchema,
  epochs: z.number().int(),
  /** absent: trained without gazetteer features */
  gazetteer: gazetteerSchema.optional(),
  /**
   * the entity types annotated with each intent in training (indices into crf.types); a message
   * whose predicted intent is listed is tagged with those types only. Absent: every type, always.
   */
  intentTypes: z.record(z.string(), z.array(z.number().int().min(0))).optional(),
});
export type EntityHeadData = z.infer<typeof entityHeadSchema>;

export interface TaggingExample { text: string; tokens: readonly Token[]; entities: readonly AnnotatedEntity[]; intent: string }

/**
 * `gazetteerFolds`: gazetteer features, training sentences seeing the values of the other folds; 0 = none.
 * `intentTypes`: remember which types each intent was annotated with, and tag a message with its intent's only.
 */
export interface EntityFitOptions { characters: boolean; patterns: PatternSource[]; gazetteerFolds: number; intentTypes: boolean; epochs: number; learningRate: number; seed: number; patience: number; refit: boolean; onEpoch?: (epoch: number) => void }

export interface FoundEntity { entity: string; start: number; end: number; confidence: number }

/** Exact unit-span + type micro F1 of decoded tags against gold tags. */
function spanF1(gold: readonly Int32Array[], predicted: readonly Int32Array[]): number {
  let tp = 0, nGold = 0, nPred = 0;
  gold.forEach((g, k) => {
    const key = (s: { type: number; first: number; last: number }): string => `${s.type}:${s.first}:${s.last}`;
    const gs = new Set(decodeBilou(g).map(key));
    const ps = decodeBilou(predicted[k] as Int32Array).map(key);
    nGold += gs.size;
    nPred += ps.length;
    for (const p of ps) if (gs.has(p)) tp++;
  });
  return nGold + nPred === 0 ? 1 : (2 * tp) / (nGold + nPred);
}

/**
 * Features seen in at least two training sentences get a weight row. A feature unique to one
 * sentence (e.g. the jieba word of an annotated address, which the tokenizer's user dictionary
 * keeps whole) would let the CRF memorise that sentence instead of learning what generalises.
 */
const MIN_SENTENCES = 2;

function frequentFeatures(sentences: readonly Int32Array[][]): Map<number, number> {
  const count = new Map<number, number>();
  for (const units of sentences) {
    for (const h of new Set(units.flatMap((u) => Array.from(u)))) count.set(h, (count.get(h) ?? 0) + 1);
  }
  const rowOf = new Map<number, number>();
  for (const [h, n] of count) if (n >= MIN_SENTENCES) rowOf.set(h, rowOf.size);
  return rowOf;
}

/**
 * The intent confidence from which a message is tagged with its intent's entity types only: the
 * default confidence below which Parley asks the LLM to check the intent (endpoints.yml llm.intentCheck.threshold).
 */
export const RESTRICT_FROM = 0.7;

/**
 * How much of the intent confidence the restriction covers: a message tagged with its intent's types
 * also gets those of the next intents in the ranking until their confidences add up to this. An
 * intent at 0.75 is wrong often enough that its runner-up's types (an address when the first was a
 * bare order) should not be lost with it.
 */
export const TYPES_COVER = 0.95;

/** restricted decoders a model keeps at most (each holds its types' share of the CRF's weights) */
const MAX_DECODERS = 256;
/** sets of intents whose decoder is remembered by their names; all forgotten when full */
const MAX_INTENT_SETS = 4096;

/** An intent of the ranking and its confidence. */
export interface RankedIntent { name: string; confidence: number }

/** Which types each intent was annotated with in training (indices into `types`, ascending). */
function typesOfIntents(examples: readonly TaggingExample[], typeIndex: ReadonlyMap<string, number>): Record<string, number[]> {
  const seen = new Map<string, Set<number>>();
  for (const ex of examples) {
    const set = seen.get(ex.intent) ?? new Set<number>();
    seen.set(ex.intent, set);
    for (const e of ex.entities) set.add(typeIndex.get(e.entity) ?? 0);
  }
  return Object.fromEntries([...seen].map(([intent, set]) => [intent, [...set].sort((a, b) => a - b)]));
}

export class EntityHead {
  /** the types of each intent annotated with fewer than all of them (none: not tagged at all) */
  private readonly narrower = new Map<string, readonly number[]>();
  /**
   * decoders over those narrower sets, shared by intents with the same types and built when a
   * message first needs one (1–3 ms each for SNIPS: a model loads without waiting for all of them)
   */
  private readonly decoders = new Map<string, CrfDecoder>();
  /** each intent's decoder once found (its types' key is not joined again for every message) */
  private readonly decoderOfIntent = new Map<string, CrfDecoder>();
  /** the decoder (null: no types) of several intents' types together, by their names */
  private readonly decoderOfIntents = new Map<string, CrfDecoder | null>();

  private constructor(private readonly featurizer: UnitFeaturizer, readonly crf: CrfModel, readonly epochs: number, private readonly intentTypes?: Readonly<Record<string, readonly number[]>>) {
    // restricted decoders: fewer tags to score, decode and normalise (SNIPS: 157 tags, 31 per intent
    // on average), and no type the intent never had
    for (const [intent, types] of Object.entries(intentTypes ?? {})) if (types.length < crf.types.length) this.narrower.set(intent, types);
  }

  private decoderFor(intent: string, confidence: number, ranking: readonly RankedIntent[]): CrfDecoder | null {
    if (confidence < RESTRICT_FROM) return this.crf.decoder;
    let intents: string[] | undefined;
    let covered = confidence;
    for (const r of ranking) {
      if (covered >= TYPES_COVER) break;
      if (r.name === intent) continue;
      (intents ??= [intent]).push(r.name);
      covered += r.confidence;
    }
    return intents ? this.decoderOfSeveral(intents) : this.decoderOfOne(intent);
  }

  private decoderOfOne(intent: string): CrfDecoder | null {
    const types = this.narrower.get(intent);
    if (types === undefined) return this.crf.decoder;
    if (types.length === 0) return null;
    const known = this.decoderOfIntent.get(intent);
    if (known) return known;
    const decoder = this.decoderOfTypes(types);
    this.decoderOfIntent.set(intent, decoder);
    return decoder;
  }

  private decoderOfSeveral(intents: readonly string[]): CrfDecoder | null {
    const name = intents.join('\n');
    const known = this.decoderOfIntents.get(name);
    if (known !== undefined) return known;
    const union = new Set<number>();
    let decoder: CrfDecoder | null | undefined;
    for (const intent of intents) {
      const types = this.narrower.get(intent);
      // an intent with every type (or none known) is tagged with every type
      if (types === undefined) decoder = this.crf.decoder;
      else for (const t of types) union.add(t);
    }
    if (decoder === undefined) {
      const types = [...union].sort((a, b) => a - b);
      decoder = types.length === 0 ? null : types.length === this.crf.types.length ? this.crf.decoder : this.decoderOfTypes(types);
    }
    if (this.decoderOfIntents.size >= MAX_INTENT_SETS) this.decoderOfIntents.clear();
    this.decoderOfIntents.set(name, decoder);
    return decoder;
  }

  private decoderOfTypes(types: readonly number[]): CrfDecoder {
    const key = types.join(',');
    let decoder = this.decoders.get(key);
    if (!decoder) {
      // unions of several intents' types could make many; past the cap a message gets every type
      if (this.decoders.size >= MAX_DECODERS) return this.crf.decoder;
      decoder = this.crf.restrict(types);
      this.decoders.set(key, decoder);
    }
    return decoder;
  }

  static fromData(d: EntityHeadData): EntityHead {
    const gazetteer = d.gazetteer ? Gazetteer.fromData(d.gazetteer) : undefined;
    const crf = CrfModel.fromData(d.crf);
    for (const [intent, types] of Object.entries(d.intentTypes ?? {})) {
      if (types.some((t, i) => t >= crf.types.length || (i > 0 && t <= (types[i - 1] as number)))) {
        throw new ParleyError('MODEL_INVALID', `NLU model: entity types of intent '${intent}' are not ascending indices below ${crf.types.length}`);
      }
    }
    return new EntityHead(new UnitFeaturizer(d.characters, d.patterns, gazetteer), crf, d.epochs, d.intentTypes);
  }

  toData(): EntityHeadData {
    const f = this.featurizer;
    return {
      characters: f.characters, patterns: [...f.patterns], crf: this.crf.toData(), epochs: this.epochs,
      ...(f.gazetteer ? { gazetteer: f.gazetteer.toData() } : {}),
      ...(this.intentTypes ? { intentTypes: Object.fromEntries(Object.entries(this.intentTypes).map(([k, v]) => [k, [...v]])) } : {}),
    };
  }

  static fit(examples: readonly TaggingExample[], holdout: Holdout, opts: EntityFitOptions): EntityHead {
    const useGazetteer = opts.gazetteerFolds > 0;
    const featurizer = new UnitFeaturizer(opts.characters, opts.patterns, useGazetteer ? fullGazetteer(examples) : undefined);
    const folds = useGazetteer ? foldGazetteers(examples, opts.gazetteerFolds, opts.seed) : [];
    const types = [...new Set(examples.flatMap((e) => e.entities.map((x) => x.entity)))].sort();
    const typeIndex = new Map(types.map((t, i) => [t, i]));
    const featurized = examples.map((ex, k) => {
      const gazetteer = folds[k];
      return featurizer.featurize(ex.text, ex.tokens, { intent: ex.intent, cuts: ex.entities.flatMap((e) => [e.start, e.end]), ...(gazetteer ? { gazetteer } : {}) });
    });
    const rowOf = frequentFeatures(featurized.map((f) => f.hashes));
    const sentences = examples.map((ex, k) => {
      const { units, hashes } = featurized[k] as FeaturizedUnits;
      const spans = ex.entities.map((e) => ({ type: typeIndex.get(e.entity) ?? 0, start: e.start, end: e.end }));
      const offsets = new Int32Array(units.length + 1);
      const rows: number[] = [];
      hashes.forEach((hs, i) => {
        for (const h of hs) {
          const r = rowOf.get(h);
          if (r !== undefined) rows.push(r);
        }
        offsets[i + 1] = rows.length;
      });
      return { rows: Int32Array.from(rows), offsets, tags: encodeBilou(units, spans) } satisfies CrfSentence;
    });
    const st = new CrfStructure(types.length);
    const base = { epochs: opts.epochs, learningRate: opts.learningRate, seed: opts.seed, patience: opts.patience, ...(opts.onEpoch ? { onEpoch: opts.onEpoch } : {}) };
    const pick = (idx: Int32Array): CrfSentence[] => Array.from(idx, (i) => sentences[i] as CrfSentence);
    let result;
    if (holdout.heldOut.length === 0) result = trainCrf(st, rowOf.size, sentences, base);
    else {
      const held = pick(holdout.heldOut);
      const first = trainCrf(st, rowOf.size, pick(holdout.train), { ...base, monitor: (decode) => spanF1(held.map((s) => s.tags), held.map(decode)) });
      result = opts.refit ? { weights: trainCrf(st, rowOf.size, sentences, { ...base, epochs: first.bestEpoch }).weights, bestEpoch: first.bestEpoch } : first;
    }
    const hashes = new Int32Array(rowOf.size);
    for (const [h, r] of rowOf) hashes[r] = h;
    // without intents (no intent head) every example is under '': nothing to restrict
    const byIntent = opts.intentTypes && examples.some((e) => e.intent !== '') ? typesOfIntents(examples, typeIndex) : undefined;
    return new EntityHead(featurizer, CrfModel.fromWeights(types, hashes, result.weights), result.bestEpoch, byIntent);
  }

  /**
   * `intent`: the predicted intent ('' when there is none), and its confidence: below
   * RESTRICT_FROM the intent may well be wrong (and the LLM check may replace it), so the message is
   * tagged with every type rather than lose its entities with the intent. `ranking`: the intents
   * after it, whose types are added until TYPES_COVER of the confidence is covered.
   */
  extract(text: string, tokens: readonly Token[], intent: string, confidence = 1, ranking: readonly RankedIntent[] = []): FoundEntity[] {
    const crf = this.decoderFor(intent, confidence, ranking);
    if (!crf) return [];
    const { units, flat } = this.featurizer.featurizeFlat(text, tokens, { intent });
    const out: FoundEntity[] = [];
    for (const s of crf.decodeFlat(flat.hashes, flat.ends)) {
      const edges = trimPunctuation(units, s.first, s.last);
      if (!edges) continue;
      const [first, last] = edges;
      out.push({ entity: crf.types[s.type] as string, start: (units[first] as Token).start, end: (units[last] as Token).end, confidence: s.confidence });
    }
    return out;
  }
}
