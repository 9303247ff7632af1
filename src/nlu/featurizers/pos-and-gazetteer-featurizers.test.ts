import { describe, expect, it } from 'vitest';
import { emptyDomain, emptyNluData, type NluExample } from '../../core/index.js';
import type { Message, TrainingContext } from '../component.js';
import { createMessage } from '../pipeline/message.js';
import { JiebaTokenizer } from '../tokenizers/jieba-tokenizer.js';
import { WhitespaceTokenizer } from '../tokenizers/whitespace-tokenizer.js';
import { EntityGazetteerFeaturizer } from './entity-gazetteer-featurizer.js';
import { LexicalSyntacticFeaturizer } from './lexical-syntactic-featurizer.js';

const ctxOf = (examples: NluExample[], language: string): TrainingContext => ({ data: { ...emptyNluData(), examples }, domain: emptyDomain(), language, seed: 3 });

describe('part-of-speech features (JiebaTokenizer pos_tags)', () => {
  const tok = new JiebaTokenizer({ dictionaryPath: null, pattern: undefined, posTags: true });
  tok.train(ctxOf([], 'zh'));

  it('tags tokens without changing the segmentation', () => {
    const plain = new JiebaTokenizer({ dictionaryPath: null, pattern: undefined });
    plain.train(ctxOf([], 'zh'));
    const text = '北京的天气好吗 2013年';
    const tagged = tok.tokenize(text);
    expect(tagged.map(({ text: t, start, end }) => ({ text: t, start, end }))).toEqual(plain.tokenize(text));
    expect(tagged.find((t) => t.text === '北京')?.pos).toBe('ns');
    expect(plain.tokenize(text).every((t) => t.pos === undefined)).toBe(true);
  });

  const message = (text: string): Message => {
    const m = createMessage(text, {});
    tok.process(m);
    return m;
  };

  it('LexicalSyntacticFeaturizer reads pos and pos2', () => {
    const f = new LexicalSyntacticFeaturizer('lsf', [['pos2'], ['pos'], []]);
    const msgs = [message('北京的天气'), message('上海天气')];
    f.train(null, msgs);
    expect(f.persist().vocabulary).toEqual(expect.arrayContaining(['0:pos:ns', '-1:pos2:ns']));
  });
});

describe('EntityGazetteerFeaturizer', () => {
  const ex = (text: string, value: string, entity: string, intent: string): NluExample => {
    const start = text.indexOf(value);
    return { text, intent, entities: [{ entity, start, end: start + value.length, value }] };
  };
  const examples = Array.from({ length: 10 }, (_, i) => [
    ex(`play song${i} please`, `song${i}`, 'track', 'play'),
    ex(`see movie${i} tonight`, `movie${i}`, 'movie', 'watch'),
  ]).flat();

  it('training messages see only the other folds\' values; parsing sees all of them', () => {
    const ws = new WhitespaceTokenizer();
    const messages = examples.map((e) => { const m = createMessage(e.text, {}); ws.process(m); return m; });
    const f = new EntityGazetteerFeaturizer('egf', { folds: 5, context: true, longest_only: true, weight: 1 }, false);
    f.train(ctxOf(examples, 'en'), messages);
    for (const m of messages) f.process(m);
    // each value occurs once, so no training message finds its own value
    expect(messages.every((m) => (m.sparse.get('egf')?.size ?? 0) === 0)).toBe(true);
    const parsed = createMessage('see movie3 now', {});
    ws.process(parsed);
    f.process(parsed);
    expect(parsed.sparse.get('egf')?.size ?? 0).toBe(0); // no feature seen in training: no index
  });

  it('a value annotated twice is found in training messages and its type becomes a feature', () => {
    const twice = [...examples, ...['again', 'now', 'later', 'today'].map((w) => ex(`see movie3 ${w}`, 'movie3', 'movie', 'watch'))];
    const ws = new WhitespaceTokenizer();
    const messages = twice.map((e) => { const m = createMessage(e.text, {}); ws.process(m); return m; });
    const f = new EntityGazetteerFeaturizer('egf', { folds: 2, context: false, longest_only: true, weight: 1 }, false);
    f.train(ctxOf(twice, 'en'), messages);
    const state = f.persist();
    expect(state.gazetteer['movie']).toContain('movie3');
    const restored = new EntityGazetteerFeaturizer('egf', { folds: 2, context: false, longest_only: true, weight: 1 }, false, state);
    const parsed = createMessage('see movie7 now', {});
    ws.process(parsed);
    restored.process(parsed);
    expect(state.vocabulary).toContain('movie');
    // movie7 was annotated once: no training message found it, but parsing looks among all values
    expect(parsed.sparse.get('egf')?.size).toBe(1);
    const unknown = createMessage('see film99 now', {});
    ws.process(unknown);
    restored.process(unknown);
    expect(unknown.sparse.get('egf')?.size).toBe(0);
    const known = createMessage('see movie3 now', {});
    ws.process(known);
    restored.process(known);
    expect([...(known.sparse.get('egf') ?? new Map<number, number>())]).toEqual([[state.vocabulary.indexOf('movie'), 1]]);
  });
});
