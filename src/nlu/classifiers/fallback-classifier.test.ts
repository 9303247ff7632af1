import { describe, expect, it } from 'vitest';
import { createMessage } from '../pipeline/message.js';
import { FallbackClassifier } from './fallback-classifier.js';

function message(ranking: [string, number][]) {
  const msg = createMessage('hi');
  msg.parse.intent_ranking = ranking.map(([name, confidence]) => ({ name, confidence }));
  const top = msg.parse.intent_ranking[0];
  msg.parse.intent = top ? { ...top } : null;
  return msg;
}

describe('FallbackClassifier', () => {
  const fallback = new FallbackClassifier({ threshold: 0.3, ambiguityThreshold: 0.1 });

  it('keeps a confident, unambiguous intent', () => {
    const msg = message([['greet', 0.8], ['bye', 0.1]]);
    fallback.process(msg);
    expect(msg.parse.intent).toEqual({ name: 'greet', confidence: 0.8 });
    expect(msg.parse.intent_ranking).toHaveLength(2);
  });

  it('falls back below the threshold, with the threshold as confidence, inserted first in the ranking', () => {
    const msg = message([['greet', 0.25], ['bye', 0.05]]);
    fallback.process(msg);
    expect(msg.parse.intent).toEqual({ name: 'nlu_fallback', confidence: 0.3 });
    expect(msg.parse.intent_ranking?.map((r) => r.name)).toEqual(['nlu_fallback', 'greet', 'bye']);
    expect(msg.parse.parley?.decided_by).toBe('fallback');
    expect(msg.parse.parley?.reason).toMatch(/below the threshold/);
  });

  it('falls back when the top two are closer than ambiguity_threshold', () => {
    const msg = message([['greet', 0.45], ['bye', 0.4]]);
    fallback.process(msg);
    expect(msg.parse.intent?.name).toBe('nlu_fallback');
    expect(msg.parse.parley?.reason).toMatch(/ambiguous/);
  });

  it('falls back when nothing predicted an intent', () => {
    const msg = message([]);
    fallback.process(msg);
    expect(msg.parse.intent).toEqual({ name: 'nlu_fallback', confidence: 0.3 });
  });
});
