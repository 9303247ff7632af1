// The intent half of the DIET stand-in: feature layout + network, trained with early stopping on a
// held-out slice, calibrated there (temperature), then optionally refitted on all the data.
import { z } from 'zod';
import type { Message } from '../../../component.js';
import { FeatureLayout, featureLayoutSchema, type SparseVector } from '../../feature-layout.js';
import { softmaxInPlace, type Scored } from '../../softmax/softmax-model.js';
import { fitTemperature } from '../calibration.js';
import type { Holdout } from '../holdout.js';
import { MlpModel, mlpModelSchema } from './mlp-model.js';
import { trainMlp, type MlpTrainingOptions, type MlpTrainingSet } from './train-mlp.js';

export const intentHeadSchema = z.object({ layout: featureLayoutSchema, model: mlpModelSchema, epochs: z.number().int() });
export type IntentHeadData = z.infer<typeof intentHeadSchema>;

export type IntentFitOptions = Omit<MlpTrainingOptions, 'monitor'> & { refit: boolean; calibrate: boolean };

function subset(set: MlpTrainingSet, idx: Int32Array): MlpTrainingSet {
  return { ...set, samples: Array.from(idx, (i) => set.samples[i] as SparseVector), targets: Int32Array.from(idx, (i) => set.targets[i] as number) };
}

/** Held-out accuracy, with the mean log-likelihood as a small tie-breaker (higher is better). */
function heldOutScore(model: MlpModel, held: MlpTrainingSet): number {
  const buf = new Float64Array(model.labels.length);
  let hits = 0;
  let nll = 0;
  held.samples.forEach((x, i) => {
    softmaxInPlace(model.logits(x, buf));
    const y = held.targets[i] as number;
    let arg = 0;
    for (let j = 1; j < buf.length; j++) if ((buf[j] as number) > (buf[arg] as number)) arg = j;
    if (arg === y) hits++;
    nll -= Math.log(Math.max(buf[y] as number, 1e-12));
  });
  return hits / held.samples.length - 1e-3 * (nll / held.samples.length);
}

export class IntentHead {
  // reused across parses: no allocation on the hot path
  private readonly buf: Float64Array;
  private readonly hidden: Float64Array;

  private constructor(private readonly layout: FeatureLayout, readonly model: MlpModel, readonly epochs: number) {
    this.buf = new Float64Array(model.labels.length);
    this.hidden = new Float64Array(Math.max(1, model.hidden));
  }

  static fromData(d: IntentHeadData): IntentHead {
    return new IntentHead(FeatureLayout.fromData(d.layout), MlpModel.fromData(d.model), d.epochs);
  }

  toData(): IntentHeadData {
    return { layout: this.layout.data, model: this.model.toData(), epochs: this.epochs };
  }

  /** `targets[i]` is the label of `messages[i]`. */
  static fit(messages: readonly Message[], targets: readonly string[], holdout: Holdout, opts: IntentFitOptions): IntentHead {
    const layout = FeatureLayout.fromMessages(messages);
    const labels = [...new Set(targets)].sort();
    const index = new Map(labels.map((l, i) => [l, i]));
    const all: MlpTrainingSet = {
      samples: messages.map((m) => layout.vectorize(m)),
      targets: Int32Array.from(targets, (t) => index.get(t) ?? 0),
      labels,
      inputSize: layout.size,
    };
    if (holdout.heldOut.length === 0) return new IntentHead(layout, trainMlp(all, opts).model, opts.epochs);
    const held = subset(all, holdout.heldOut);
    const first = trainMlp(subset(all, holdout.train), { ...opts, monitor: (m) => heldOutScore(m, held) });
    const temperature = opts.calibrate ? fitTemperature(held.samples.map((x) => first.model.logits(x, new Float64Array(labels.length))), held.targets) : 1;
    const model = opts.refit ? trainMlp(all, { ...opts, epochs: first.bestEpoch }).model : first.model;
    model.temperature = temperature;
    return new IntentHead(layout, model, first.bestEpoch);
  }

  rank(msg: Message): Scored[] {
    const logits = this.model.logits(this.layout.vectorize(msg), this.buf, this.hidden);
    const t = this.model.temperature;
    for (let j = 0; j < logits.length; j++) logits[j] = (logits[j] as number) / t;
    softmaxInPlace(logits);
    return this.model.labels
      .map((label, j) => ({ label, confidence: logits[j] as number }))
      .sort((a, b) => b.confidence - a.confidence || (a.label < b.label ? -1 : 1));
  }
}
