// Feature layout + softmax model: what the intent classifier and the response selector both train.
import { z } from 'zod';
import type { Message } from '../../component.js';
import { FeatureLayout, featureLayoutSchema } from '../feature-layout.js';
import { SoftmaxModel, softmaxModelSchema, type Scored } from './softmax-model.js';
import { trainSoftmax, type SoftmaxTrainingOptions } from './train-softmax.js';

export const sparseSoftmaxSchema = z.object({ layout: featureLayoutSchema, model: softmaxModelSchema });
export type SparseSoftmaxData = z.infer<typeof sparseSoftmaxSchema>;

export type FitOptions = Omit<SoftmaxTrainingOptions, 'batchSize'> & { batchSize?: number };

/** Small data sets get small batches (more updates per epoch); large ones cap at 64 for speed. */
const defaultBatchSize = (n: number): number => Math.min(64, Math.max(8, Math.round(n / 16)));

export class SparseSoftmaxClassifier {
  private constructor(private readonly layout: FeatureLayout, private readonly model: SoftmaxModel) {}

  get labels(): readonly string[] {
    return this.model.labels;
  }

  /** `targets[i]` is the label of `messages[i]`. */
  static fit(messages: readonly Message[], targets: readonly string[], opts: FitOptions): SparseSoftmaxClassifier {
    const layout = FeatureLayout.fromMessages(messages);
    const labels = [...new Set(targets)].sort();
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const model = trainSoftmax(
      {
        samples: messages.map((m) => layout.vectorize(m)),
        targets: Int32Array.from(targets, (t) => labelIndex.get(t) ?? 0),
        labels,
        inputSize: layout.size,
      },
      { ...opts, batchSize: opts.batchSize ?? defaultBatchSize(messages.length) },
    );
    return new SparseSoftmaxClassifier(layout, model);
  }

  static fromData(data: SparseSoftmaxData): SparseSoftmaxClassifier {
    return new SparseSoftmaxClassifier(FeatureLayout.fromData(data.layout), SoftmaxModel.fromData(data.model));
  }

  toData(): SparseSoftmaxData {
    return { layout: this.layout.data, model: this.model.toData() };
  }

  rank(msg: Message): Scored[] {
    return this.model.rank(this.layout.vectorize(msg));
  }
}
