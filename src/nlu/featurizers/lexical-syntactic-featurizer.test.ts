import { describe, expect, it } from 'vitest';
import type { Message, Token } from '../component.js';
import { createMessage } from '../pipeline/message.js';
import { WhitespaceTokenizer } from '../tokenizers/whitespace-tokenizer.js';
import { LexicalSyntacticFeaturizer } from './lexical-syntactic-featurizer.js';

const ws = new WhitespaceTokenizer();
const message = (text: string, pos?: string[]): Message => {
  const m = createMessage(text, {});
  ws.process(m);
  if (pos) m.tokens.forEach((t, i) => { t.pos = pos[i % pos.length]; });
  return m;
};
const pairs = (m: Message, key: string): [number, number][] => [...(m.sparse.get(key) ?? [])].map(([i, v]) => [i, v] as [number, number]);

describe('LexicalSyntacticFeaturizer', () => {
  const training = [
    "Book a table for 4 at Luigi's", 'what is the weather in Paris', 'HELLO there', 'play 2 songs by ABBA',
    'I want to fly to New York tomorrow', 'hi', 'Cancel it', 'set an alarm for 7am', 'x',
  ];
  const parsing = [
    ...training, 'Book a flight to Tokyo', 'what about LONDON', 'the weather in paris tomorrow', 'Hi hi hi', '42',
    'unseen WORDS Everywhere 123abc', 'émigré Ça ÉCOLE', 'a', 'naïve café 😀 ok', '',
  ];

  for (const window of [undefined, [['low', 'title', 'upper', 'suffix3'], ['BOS', 'EOS', 'low', 'upper', 'title', 'digit', 'prefix5', 'prefix2', 'suffix5', 'suffix2', 'suffix1'], ['low', 'suffix3', 'EOS']]] as const) {
    it(`counts the same terms, in the same order, as from the feature strings (${window ? 'wide window' : 'default window'})`, () => {
      const f = new LexicalSyntacticFeaturizer('lsf', (window ?? [['low', 'title', 'upper'], ['BOS', 'EOS', 'low', 'upper', 'title', 'digit'], ['low', 'title', 'upper']]) as never);
      f.train(null, training.map((t) => message(t)));
      // a loaded featurizer (fresh caches) agrees as well
      const loaded = new LexicalSyntacticFeaturizer('lsf', (window ?? [['low', 'title', 'upper'], ['BOS', 'EOS', 'low', 'upper', 'title', 'digit'], ['low', 'title', 'upper']]) as never, f.persist().vocabulary);
      for (const text of [...parsing, ...parsing]) {
        for (const g of [f, loaded]) {
          const m = message(text);
          g.process(m);
          expect(pairs(m, 'lsf')).toEqual([...g.countByStrings(m.tokens)]);
        }
      }
      const m = message("Book a table for 4 at Luigi's");
      f.process(m);
      expect(pairs(m, 'lsf').length).toBeGreaterThan(5);
    });
  }

  it("reads the tokens' tags for pos and pos2, which no text decides", () => {
    const window = [['pos2', 'low'], ['pos', 'BOS'], ['pos']] as never;
    const f = new LexicalSyntacticFeaturizer('lsf', window);
    f.train(null, [message('go to paris now', ['v', 'p', 'ns', 't']), message('paris is nice', ['ns', 'v', 'a'])]);
    for (const [text, tags] of [['paris now', ['ns', 't']], ['paris now', ['nr', 'v']], ['go', ['v']], ['to paris', undefined]] as const) {
      const m = message(text, tags as string[] | undefined);
      f.process(m);
      const expected: Token[] = m.tokens;
      expect(pairs(m, 'lsf')).toEqual([...f.countByStrings(expected)]);
    }
    const tagged = message('paris now', ['ns', 't']);
    const untagged = message('paris now');
    f.process(tagged);
    f.process(untagged);
    expect(pairs(tagged, 'lsf')).not.toEqual(pairs(untagged, 'lsf'));
  });
});
