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
