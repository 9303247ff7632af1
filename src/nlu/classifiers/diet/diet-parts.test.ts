import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../util/rng.js';
import { softmaxInPlace } from '../softmax/softmax-model.js';
import { expectedCalibrationError, fitTemperature } from './calibration.js';
import { dietOptions, intentShapeOf } from './diet-options.js';
import { stratifiedHoldout } from './holdout.js';
import { crossValidatedTemperature, stratifiedFolds } from './intent/cv-temperature.js';
import { trainMlp } from './intent/train-mlp.js';
import { decodeBilou, encodeBilou } from './tagging/bilou.js';
import { characterUnits, splitAt } from './tagging/tag-tokens.js';

describe('calibration', () => {
  it('temperature scaling lowers the ECE of over-confident logits', () => {
    const random = seededRandom(3);
    const logits: Float64Array[] = [];
    const targets: number[] = [];
    for (let i = 0; i < 600; i++) {
      const truth = Float64Array.from({ length: 5 }, () => random() * 2);
      const p = softmaxInPlace(truth.slice());
      let u = random();
      let y = 0;
      while (y < 4 && (u -= p[y] as number) > 0) y++;
      targets.push(y);
      logits.push(truth.map((v) => v * 6)); // 6× too sharp
    }
    const ece = (t: number): number => expectedCalibrationError(logits.map((l, i) => {
      const p = softmaxInPlace(l.map((v) => v / t));
      let arg = 0;
      for (let j = 1; j < p.length; j++) if ((p[j] as number) > (p[arg] as number)) arg = j;
      return { confidence: p[arg] as number, correct: arg === targets[i] };
    }));
    const t = fitTemperature(logits, Int32Array.from(targets));
    expect(t).toBeGreaterThan(2.5);
    expect(ece(t)).toBeLessThan(ece(1) / 2);
  });
});

describe('early stopping', () => {
  it('stops once the monitor has not improved for `patience` epochs and keeps the best epoch', () => {
    const samples = Array.from({ length: 20 }, (_, i) => ({ indices: Int32Array.of(i % 4), values: Float32Array.of(1) }));
    const scores = [0.5, 0.8, 0.7, 0.7, 0.7, 0.9];
    let seen = 0;
    const result = trainMlp(
      { samples, targets: Int32Array.from(samples, (_, i) => i % 2), labels: ['a', 'b'], inputSize: 4 },
      { hidden: 8, epochs: 50, learningRate: 0.01, dropout: 0, batchSize: 4, seed: 1, l2: 0, patience: 3, monitor: () => scores[seen++] ?? 0 },
    );
    expect(result.epochsRun).toBe(5);
    expect(result.bestEpoch).toBe(2);
  });
});

describe('held-out slice', () => {
  it('is stratified and keeps singleton labels in training', () => {
    const labels = [...Array<string>(20).fill('a'), ...Array<string>(10).fill('b'), 'c'];
    const h = stratifiedHoldout(labels, { fraction: 0.1, count: 0, seed: 1 });
    const held = Array.from(h.heldOut, (i) => labels[i]);
    expect(held.filter((l) => l === 'a')).toHaveLength(2);
    expect(held.filter((l) => l === 'b')).toHaveLength(1);
    expect(held).not.toContain('c');
    expect(h.train.length + h.heldOut.length).toBe(labels.length);
  });
});

describe('BILOU units', () => {
  it('splits Chinese into characters (Latin and digit runs stay whole) and cuts at annotation boundaries', () => {
    expect(characterUnits('我要tfboys的 191号').map((u) => u.text)).toEqual(['我', '要', 'tfboys', '的', '191', '号']);
    const units = splitAt('AB123456-x', [{ text: 'AB123456-x', start: 0, end: 10 }], [0, 8]);
    expect(units.map((u) => u.text)).toEqual(['AB123456', '-x']);
  });

  it('makes the units of the regex it stands for: astral, full-width, combining and space characters included', () => {
    const unit = /[\p{Script=Latin}\p{N}]+|[^\s\p{Script=Latin}\p{N}]/gu;
    for (const text of ['abc 中文123def，😀x y\u3000z', 'Ⅻ〇①２３ｆｕｌｌ送到', 'éa\u0301b 𠀋字', '', '   ', '\ud800孤', 'Ünïcödé\tmüsic\n99']) {
      const expected = [...text.matchAll(unit)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
      expect(characterUnits(text)).toEqual(expected);
    }
  });

  it('round-trips spans through tags', () => {
    const units = characterUnits('来两份牛肉套餐');
    const tags = encodeBilou(units, [{ type: 0, start: 1, end: 3 }, { type: 1, start: 3, end: 7 }]);
    expect(Array.from(tags)).toEqual([0, 1, 3, 5, 6, 6, 7]);
    expect(decodeBilou(tags)).toEqual([{ type: 0, first: 1, last: 2 }, { type: 1, first: 3, last: 6 }]);
  });
});

describe('cross-validated temperature (small data)', () => {
  it('folds are stratified and leave singleton labels out', () => {
    const targets = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 2]);
    const folds = stratifiedFolds(targets, 3, 5);
    expect(folds[9]).toBe(-1);
    for (let f = 0; f < 3; f++) expect(Array.from(folds).filter((g, i) => g === f && targets[i] === 0)).toHaveLength(2);
    expect(Array.from(stratifiedFolds(targets, 3, 5))).toEqual(Array.from(folds));
  });

  it('softens a model that is confident on sentences it has not seen', () => {
    // label = parity of the feature; 30 % of the labels flipped: no model can be right more often than ~70 %
    const random = seededRandom(9);
    const samples = Array.from({ length: 120 }, (_, i) => ({ indices: Int32Array.of(i % 6), values: Float32Array.of(1) }));
    const targets = Int32Array.from(samples, (_, i) => (i % 2) ^ (random() < 0.3 ? 1 : 0));
    const t = crossValidatedTemperature({ samples, targets, labels: ['a', 'b'], inputSize: 6 }, { hidden: 8, epochs: 60, learningRate: 0.05, dropout: 0, batchSize: 8, seed: 1, l2: 0, patience: 3, inputBits: 8 });
    expect(t).toBeGreaterThan(1.5);
  });
});

describe('intent network shape', () => {
  const shape = (options: Record<string, unknown>, language: string) => intentShapeOf(dietOptions.parse(options), language);

  it('auto trains Chinese models as four members of 64 units, others as one network of 256', () => {
    expect(shape({}, 'zh')).toEqual({ ensemble: 4, hidden: 64 });
    expect(shape({}, 'zh-TW')).toEqual({ ensemble: 4, hidden: 64 });
    expect(shape({}, 'en')).toEqual({ ensemble: 1, hidden: 256 });
  });

  it('keeps what config.yml sets: a size leaves auto at one network, a number of members is taken as given', () => {
    expect(shape({ hidden_layers_sizes: { text: [128] } }, 'zh')).toEqual({ ensemble: 1, hidden: 128 });
    expect(shape({ intent_ensemble_size: 1 }, 'zh')).toEqual({ ensemble: 1, hidden: 256 });
    expect(shape({ intent_ensemble_size: 4, hidden_layers_sizes: { text: [32] } }, 'en')).toEqual({ ensemble: 4, hidden: 32 });
    expect(() => dietOptions.parse({ intent_ensemble_size: 'many' })).toThrow();
  });
});
