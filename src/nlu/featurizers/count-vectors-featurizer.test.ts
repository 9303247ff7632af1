import { describe, expect, it } from 'vitest';
import type { Message } from '../component.js';
import { createMessage } from '../pipeline/message.js';
import { whitespaceTokens } from '../tokenizers/whitespace-tokenizer.js';
import { countVectorsFeaturizerSpec } from './count-vectors-featurizer.js';
import { extractTerms } from './ngrams.js';

function tokenized(text: string): Message {
  const m = createMessage(text);
  m.tokens = whitespaceTokens(text);
  return m;
}

function featurizer(options: Record<string, unknown>, texts: string[]) {
  const f = countVectorsFeaturizerSpec.create(countVectorsFeaturizerSpec.parseOptions(options, 'CountVectorsFeaturizer'), { key: 'cv', name: 'CountVectorsFeaturizer', language: 'en', domain: {} as never }) as ReturnType<typeof countVectorsFeaturizerSpec.create> & { train(c: unknown, m: Message[]): void; persist(): { vocabulary: string[] } };
  f.train(undefined, texts.map(tokenized));
  return f;
}

describe('n-gram terms', () => {
  it('builds word, char and char_wb n-grams', () => {
    expect(extractTerms(['a', 'b', 'c'], { analyzer: 'word', minN: 1, maxN: 2 })).toEqual(['a', 'b', 'c', 'a b', 'b c']);
    expect(extractTerms(['ab'], { analyzer: 'char_wb', minN: 1, maxN: 2 })).toEqual(['a', 'b', ' a', 'ab', 'b ']);
    expect(extractTerms(['ab', 'c'], { analyzer: 'char', minN: 3, maxN: 3 })).toEqual(['ab ', 'b c']);
  });
});

describe('CountVectorsFeaturizer', () => {
  it('counts known terms, lower-cased, and ignores unseen ones', () => {
    const f = featurizer({}, ['book a flight', 'book a table']);
    const msg = tokenized('Book BOOK a hotel');
    f.process(msg);
    const vocab = f.persist().vocabulary;
    const counts = Object.fromEntries([...(msg.sparse.get('cv') ?? [])].map(([i, n]) => [vocab[i], n]));
    expect(counts).toEqual({ book: 2, a: 1 });
  });

  it('with binary, counts a repeated term once, on the fast path and on the astral-character one', () => {
    for (const [text, astral] of [['please PLEASE please book', false], ['please please 🛫 book', true]] as const) {
      const counted = (binary: boolean): Record<string, number> => {
        const f = featurizer({ binary, analyzer: 'char_wb', min_ngram: 2, max_ngram: 3 }, ['please book 🛫', 'book a table']);
        const msg = tokenized(text);
        f.process(msg);
        const vocab = f.persist().vocabulary;
        return Object.fromEntries([...(msg.sparse.get('cv') ?? [])].map(([i, n]) => [vocab[i], n]));
      };
      expect(counted(false)['ple'], `astral ${astral}`).toBe(3 - (astral ? 1 : 0));
      const binary = counted(true);
      expect(Object.keys(binary)).toEqual(Object.keys(counted(false)));
      expect(new Set(Object.values(binary))).toEqual(new Set([1]));
    }
  });

  it('maps unseen words to OOV_token', () => {
    const f = featurizer({ OOV_token: 'oov', OOV_words: ['table'] }, ['book a flight', 'book a table']);
    expect(f.persist().vocabulary).toContain('oov');
    expect(f.persist().vocabulary).not.toContain('table');
    const msg = tokenized('book a hotel');
    f.process(msg);
    const vocab = f.persist().vocabulary;
    expect([...(msg.sparse.get('cv')?.keys() ?? [])].map((i) => vocab[i]).sort()).toEqual(['a', 'book', 'oov']);
  });

  it('a loaded featurizer (its term index built on first need) maps unseen words and astral n-grams as the trained one', () => {
    const options = { OOV_token: 'oov', OOV_words: ['table'] };
    const trained = featurizer(options, ['book a flight 🛫', 'book a table']);
    const parsed = countVectorsFeaturizerSpec.parseOptions(options, 'CountVectorsFeaturizer');
    const env = { key: 'cv', name: 'CountVectorsFeaturizer', language: 'en', domain: {} as never, state: trained.persist() };
    const loaded = countVectorsFeaturizerSpec.create(parsed, env) as typeof trained;
    expect(loaded.persist()).toEqual(trained.persist());
    for (const text of ['book a hotel', 'a 🛫 to Rome']) {
      const [a, b] = [tokenized(text), tokenized(text)];
      trained.process(a);
      loaded.process(b);
      expect([...(b.sparse.get('cv') ?? [])]).toEqual([...(a.sparse.get('cv') ?? [])]);
    }
    const msg = tokenized('book a hotel');
    loaded.process(msg);
    const vocab = loaded.persist().vocabulary;
    expect([...(msg.sparse.get('cv')?.keys() ?? [])].map((i) => vocab[i]).sort()).toEqual(['a', 'book', 'oov']);
  });
});

describe('Rasa options', () => {
  it('accepts token_pattern from Rasa configs (tokens come from the tokenizer) and still rejects typos', () => {
    expect(() => countVectorsFeaturizerSpec.parseOptions({ token_pattern: '(?u)\\b\\w+\\b' }, 'CountVectorsFeaturizer')).not.toThrow();
    expect(() => countVectorsFeaturizerSpec.parseOptions({ token_patern: 'x' }, 'CountVectorsFeaturizer')).toThrow(/token_patern/);
  });
});

describe('CountVectorsFeaturizer char_units', () => {
  /** a Chinese message cut into the given words, as a segmenter would */
  function segmented(words: string[]): Message {
    const m = createMessage(words.join(''));
    let at = 0;
    m.tokens = words.map((w) => ({ text: w, start: at, end: (at += w.length) }));
    return m;
  }

  function trained(options: Record<string, unknown>, messages: Message[]) {
    const f = countVectorsFeaturizerSpec.create(countVectorsFeaturizerSpec.parseOptions({ analyzer: 'char_wb', min_ngram: 1, max_ngram: 3, ...options }, 'CountVectorsFeaturizer'), { key: 'cv', name: 'CountVectorsFeaturizer', language: 'zh', domain: {} as never }) as ReturnType<typeof countVectorsFeaturizerSpec.create> & { train(c: unknown, m: Message[]): void; persist(): { vocabulary: string[] } };
    f.train(undefined, messages);
    return f;
  }

  const counted = (f: ReturnType<typeof trained>, msg: Message): Record<string, number> => {
    f.process(msg);
    const vocab = f.persist().vocabulary;
    return Object.fromEntries([...(msg.sparse.get('cv') ?? [])].map(([i, n]) => [vocab[i], n]));
  };

  it('text: n-grams run across the segmenter\'s word boundaries, as over the text cut at whitespace only', () => {
    const training = [segmented(['外卖', '送到', '公司']), segmented(['送到', '家'])];
    const byTokens = trained({}, training);
    const byText = trained({ char_units: 'text' }, training);
    expect(byTokens.persist().vocabulary).not.toContain('卖送');
    expect(byText.persist().vocabulary).toContain('卖送');
    expect(byText.persist().vocabulary).toContain('到公司');

    const msg = segmented(['外卖', '送到', '家']);
    const expected: Record<string, number> = {};
    const vocab = new Set(byText.persist().vocabulary);
    for (const term of extractTerms(['外卖送到家'], { analyzer: 'char_wb', minN: 1, maxN: 3 })) if (vocab.has(term)) expected[term] = (expected[term] ?? 0) + 1;
    expect(counted(byText, msg)).toEqual(expected);
    expect(counted(byText, msg)['卖送']).toBe(1);
    // a whole clause is seldom seen again: its counts come without per-word pieces to keep
    expect(msg.sparse.get('cv')?.pieces).toBeUndefined();
    expect(counted(byTokens, segmented(['外卖', '送到', '家']))['卖送']).toBeUndefined();
  });

  it('text: whitespace still separates units, and word n-grams ignore the option', () => {
    const f = trained({ char_units: 'text', min_ngram: 2, max_ngram: 2 }, [tokenized('ab cd')]);
    expect(f.persist().vocabulary).not.toContain('bc');
    expect(f.persist().vocabulary).toContain('b ');
    const words = trained({ char_units: 'text', analyzer: 'word', min_ngram: 1, max_ngram: 1 }, [segmented(['外卖', '送到'])]);
    expect(words.persist().vocabulary.sort()).toEqual(['外卖', '送到']);
  });

  it('rejects an unknown char_units', () => {
    expect(() => countVectorsFeaturizerSpec.parseOptions({ char_units: 'sentences' }, 'CountVectorsFeaturizer')).toThrow(/char_units/);
  });
});
