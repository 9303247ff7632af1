// The intent half of the DIET stand-in: feature rows + network, trained with early stopping on a
// held-out slice, calibrated there (temperature), then optionally refitted on all the data.
import { z } from 'zod';
import type { Message } from '../../../component.js';
import type { SparseVector } from '../../feature-layout.js';
import { softmaxInPlace, type Scored } from '../../softmax/softmax-model.js';
import { fitTemperature } from '../calibration.js';
import type { Holdout } from '../holdout.js';
import { crossValidatedTemperature } from './cv-temperature.js';
import { trainMembers } from './mlp-ensemble.js';
import { MlpModel, mlpModelSchema } from './mlp-model.js';
import { PieceSums } from './piece-sums.js';
import { QuantizedMlp } from './quantized-mlp.js';
import { RowLayout, rowLayoutSchema } from './row-layout.js';
import { InputLayerPool } from './simd-input-layer.js';
import { topLabels } from './top-labels.js';
import { trainMlp, type MlpTrainingOptions, type MlpTrainingSet } from './train-mlp.js';

export const intentHeadSchema = z.object({ layout: rowLayoutSchema, model: mlpModelSchema, epochs: z.number().int() });
export type IntentHeadData = z.infer<typeof intentHeadSchema>;

/** `ensemble`: networks trained from different seeds, merged into one (mlp-ensemble.ts) */
/** `inputBits`: the stored input matrix's precision (QuantizedMlp parses what is stored) */
export type IntentFitOptions = Omit<MlpTrainingOptions, 'monitor'> & { refit: boolean; calibrate: boolean; minFeatureCount: number; ensemble: number; inputBits: 4 | 8 | 'auto' };


function subset(set: MlpTrainingSet, idx: Int32Array): MlpTrainingSet {
  return { ...set, samples: Array.from(idx, (i) => set.samples[i] as SparseVector), targets: Int32Array.from(idx, (i) => set.targets[i] as number) };
}

/** Held-out accuracy, with the mean log-likelihood as a small tie-breaker (higher is better). */
function heldOutScore(model: MlpModel, held: MlpTrainingSet): number {
  const buf = new Float64Array(model.labels.length);
  const hidden = new Float64Array(Math.max(1, model.hidden));
  let hits = 0;
  let nll = 0;
  held.samples.forEach((x, i) => {
    softmaxInPlace(model.logits(x, buf, hidden));
    const y = held.targets[i] as number;
    let arg = 0;
    for (let j = 1; j < buf.length; j++) if ((buf[j] as number) > (buf[arg] as number)) arg = j;
    if (arg === y) hits++;
    nll -= Math.log(Math.max(buf[y] as number, 1e-12));
  });
  return hits / held.samples.length - 1e-3 * (nll / held.samples.length);
}

/** The temperature fitting the held-out logits of the network as stored (quantised): what parses. */
function heldOutTemperature(model: QuantizedMlp, held: MlpTrainingSet): number {
  const scratch = new Float64Array(Math.max(1, model.hidden));
  return fitTemperature(held.samples.map((x) => model.logits(x, new Float64Array(model.labels.length), scratch)), held.targets);
}

/** The trained head as persisted: parsing always runs the stored (quantised) model. */
function headData(layout: RowLayout, model: MlpModel, epochs: number, inputBits: 4 | 8 | 'auto'): IntentHeadData {
  return { layout: layout.toData(), model: model.toData(inputBits), epochs };
}

export class IntentHead {
  // reused across parses: no allocation on the hot path
  private readonly buf: Float64Array;
  private readonly hidden: Float64Array;

  private readonly pieceSums: PieceSums;

  private constructor(private readonly layout: RowLayout, readonly model: QuantizedMlp, private readonly data: IntentHeadData) {
    this.buf = new Float64Array(model.labels.length);
    this.hidden = new Float64Array(Math.max(1, model.hidden));
    this.pieceSums = new PieceSums(layout, model);
  }

  static fromData(d: IntentHeadData): IntentHead {
    return new IntentHead(RowLayout.fromData(d.layout), QuantizedMlp.fromData(d.model), d);
  }

  toData(): IntentHeadData {
    return this.data;
  }

  /** `targets[i]` is the label of `messages[i]`. */
  static fit(messages: readonly Message[], targets: readonly string[], holdout: Holdout, fitOptions: IntentFitOptions): IntentHeadData {
    // the head's trainings share their WebAssembly memory; it goes when fit() returns
    const opts = { ...fitOptions, layers: new InputLayerPool() };
    const layout = RowLayout.fromMessages(messages, opts.minFeatureCount);
    const labels = [...new Set(targets)].sort();
    const index = new Map(labels.map((l, i) => [l, i]));
    const all: MlpTrainingSet = {
      samples: messages.map((m) => layout.vectorize(m)),
      targets: Int32Array.from(targets, (t) => index.get(t) ?? 0),
      labels,
      inputSize: layout.size,
    };
    const members = Math.max(1, opts.ensemble);
    if (holdout.heldOut.length === 0) {
      const { model } = trainMembers(members, opts.seed, (seed) => trainMlp(all, { ...opts, seed }));
      // calibrated as one member: k-fold ensembles would cost k·M trainings on a small bot
      if (opts.calibrate) model.temperature = crossValidatedTemperature(all, opts);
      return headData(layout, model, opts.epochs, opts.inputBits);
    }
    const held = subset(all, holdout.heldOut);
    const train = subset(all, holdout.train);
    const first = trainMembers(members, opts.seed, (seed) => trainMlp(train, { ...opts, seed, monitor: (m) => heldOutScore(m, held) }));
    const temperature = opts.calibrate ? heldOutTemperature(QuantizedMlp.stored(first.model, opts.inputBits), held) : 1;
    const model = opts.refit ? trainMembers(members, opts.seed, (seed, m) => trainMlp(all, { ...opts, seed, epochs: first.bestEpochs[m] ?? opts.epochs })).model : first.model;
    model.temperature = temperature;
    return headData(layout, model, Math.max(...first.bestEpochs), opts.inputBits);
  }

  /** The `limit` most likely intents (0 = all), most likely first. */
  rank(msg: Message, limit = 0): Scored[] {
    const { x, piecewise } = this.layout.vectorizePiecewise(msg);
    const addPieces = piecewise.length === 0 ? undefined : (sums: Float32Array): void => this.pieceSums.add(sums, piecewise);
    const logits = this.model.logits(x, this.buf, this.hidden, addPieces);
    const t = this.model.temperature;
    for (let j = 0; j < logits.length; j++) logits[j] = (logits[j] as number) / t;
    softmaxInPlace(logits);
    return topLabels(this.model.labels, logits, limit);
  }
}
