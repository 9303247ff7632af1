// Roles and groups: a small softmax per attribute over the entity type, its words and the words
// around it; the label '' means "no role/group". Trained only when the data annotates that attribute.
import { z } from 'zod';
import type { Token } from '../../../component.js';
import type { SparseVector } from '../../feature-layout.js';
import { SoftmaxModel, softmaxModelSchema } from '../../softmax/softmax-model.js';
import { trainSoftmax } from '../../softmax/train-softmax.js';

export const attributeClassifierSchema = z.object({ vocabulary: z.array(z.string()), model: softmaxModelSchema });
export type AttributeClassifierData = z.infer<typeof attributeClassifierSchema>;

export interface EntityInContext { entity: string; start: number; end: number; units: readonly Token[] }

export const NO_ATTRIBUTE = '';

/** The first of the units (in text order, none overlapping) that ends after `pos`; units.length if none does. */
function firstEndingAfter(units: readonly Token[], pos: number): number {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((units[mid] as Token).end > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const lower = (u: Token): string => u.text.toLowerCase();

/**
 * The entity's type, its words, and up to three words either side. The units around it are found by
 * position, not by reading every unit: a message of thousands of entities would otherwise cost the
 * square of its length (a 19,000-character message took 8 s).
 */
function contextTerms(e: EntityInContext): string[] {
  const { units } = e;
  // units before it end by its start; then the ones inside it; the ones after start at its end or later
  const first = firstEndingAfter(units, e.start);
  const inside: string[] = [];
  let next = first;
  for (; next < units.length && (units[next] as Token).start < e.end; next++) {
    const u = units[next] as Token;
    if (u.start >= e.start && u.end <= e.end) inside.push(lower(u));
  }
  const before = units.slice(Math.max(0, first - 3), first).map(lower);
  const after = units.slice(next, next + 3).map(lower);
  const out = [`e:${e.entity}`, ...inside.map((w) => `in:${w}`)];
  before.forEach((w, k, a) => out.push(`l:${w}`, `l${a.length - k}:${w}`, `el${a.length - k}:${e.entity}|${w}`));
  after.forEach((w, k) => out.push(`r:${w}`, `r${k + 1}:${w}`, `er${k + 1}:${e.entity}|${w}`));
  if (before.length > 0) out.push(`lb:${before.slice(-2).join('')}`);
  if (after.length > 0) out.push(`rb:${after.slice(0, 2).join('')}`);
  return out;
}

export class AttributeClassifier {
  private readonly index: Map<string, number>;

  private constructor(private readonly vocabulary: readonly string[], private readonly model: SoftmaxModel) {
    this.index = new Map(vocabulary.map((t, i) => [t, i]));
  }

  static fromData(d: AttributeClassifierData): AttributeClassifier {
    return new AttributeClassifier(d.vocabulary, SoftmaxModel.fromData(d.model));
  }

  toData(): AttributeClassifierData {
    return { vocabulary: [...this.vocabulary], model: this.model.toData() };
  }

  static fit(entities: readonly EntityInContext[], labels: readonly string[], seed: number): AttributeClassifier {
    const vocabulary = [...new Set(entities.flatMap(contextTerms))].sort();
    const index = new Map(vocabulary.map((t, i) => [t, i]));
    const classes = [...new Set(labels)].sort();
    const samples = entities.map((e) => vectorize(contextTerms(e), index));
    const model = trainSoftmax(
      { samples, targets: Int32Array.from(labels, (l) => classes.indexOf(l)), labels: classes, inputSize: vocabulary.length },
      { epochs: 60, learningRate: 0.05, l2: 1e-5, batchSize: 8, seed, tolerance: 0.01, patience: 3 },
    );
    return new AttributeClassifier(vocabulary, model);
  }

  /** The attribute and its confidence, or undefined for "none". */
  predict(e: EntityInContext): { value: string; confidence: number } | undefined {
    const top = this.model.rank(vectorize(contextTerms(e), this.index))[0];
    return top && top.label !== NO_ATTRIBUTE ? { value: top.label, confidence: top.confidence } : undefined;
  }
}

function vectorize(terms: readonly string[], index: ReadonlyMap<string, number>): SparseVector {
  const ids = [...new Set(terms.map((t) => index.get(t)).filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
  const v = ids.length > 0 ? 1 / Math.sqrt(ids.length) : 0;
  return { indices: Int32Array.from(ids), values: new Float32Array(ids.length).fill(v) };
}
