import { describe, expect, it } from 'vitest';
import { readNlu } from './read-nlu.js';
import type { NluReadOptions } from './read-nlu.js';
import { YamlSource } from './yaml-source.js';

function nluOf(text: string, opts?: NluReadOptions) {
  const src = YamlSource.parse('data/nlu.yml', text);
  const root = src.entries(src.root, 'root').find((e) => e.key === 'nlu')?.value ?? null;
  return { data: readNlu(src, root, opts), warnings: src.warnings };
}

describe('NLU reading', () => {
  it('reads block examples with annotations, lines and annotation synonyms', () => {
    const { data } = nluOf(`nlu:
- intent: check_balance
  metadata: {sentiment: neutral}
  examples: |
    - What's my [credit](account) balance?
    - balance on my [credit card account]{"entity": "account", "value": "credit"}
    - [New York](city:NYC)
`);
    expect(data.examples.map((e) => [e.text, e.intent, e.source?.line])).toEqual([
      ["What's my credit balance?", 'check_balance', 5],
      ['balance on my credit card account', 'check_balance', 6],
      ['New York', 'check_balance', 7],
    ]);
    expect(data.examples[0]?.metadata).toEqual({ intent: { sentiment: 'neutral' } });
    expect(data.examples[1]?.entities).toEqual([{ entity: 'account', start: 14, end: 33, value: 'credit' }]);
    expect(data.synonyms).toEqual({ 'credit card account': 'credit', 'new york': 'NYC' });
  });

  it('reads the extended list form with per-example metadata', () => {
    const { data } = nluOf(`nlu:
- intent: greet
  examples:
  - text: |
      hi [Ann](name)
    metadata: {sentiment: happy}
  - text: hello
`);
    expect(data.examples).toEqual([
      { text: 'hi Ann', intent: 'greet', entities: [{ entity: 'name', start: 3, end: 6, value: 'Ann' }], metadata: { example: { sentiment: 'happy' } }, source: { file: 'data/nlu.yml', line: 4 } },
      { text: 'hello', intent: 'greet', entities: [], source: { file: 'data/nlu.yml', line: 7 } },
    ]);
  });

  it('reads retrieval intents, synonyms (lower-cased), regexes and lookups', () => {
    const { data } = nluOf(`nlu:
- intent: chitchat/ask_name
  examples: |
    - what's your name?
- synonym: credit
  examples: |
    - Credit Card Account
    - credit account
- regex: account_number
  examples: |
    - \\d{10,12}
- lookup: banks
  examples: |
    - JPMC
    - Bank of America
`);
    expect(data.examples[0]?.intent).toBe('chitchat/ask_name');
    expect(data.synonyms).toEqual({ 'credit card account': 'credit', 'credit account': 'credit' });
    expect(data.regexes).toEqual([{ name: 'account_number', pattern: '\\d{10,12}', source: { file: 'data/nlu.yml', line: 11 } }]);
    expect(data.lookups[0]).toMatchObject({ name: 'banks', elements: ['JPMC', 'Bank of America'] });
  });

  it('reads a lookup table given as a file path', () => {
    const { data } = nluOf('nlu:\n- lookup: city\n  examples: data/lookups/cities.txt\n', {
      readLookupFile: (p) => (p === 'data/lookups/cities.txt' ? ['Berlin', 'Paris'] : undefined),
    });
    expect(data.lookups[0]?.elements).toEqual(['Berlin', 'Paris']);
    expect(() => nluOf('nlu:\n- lookup: city\n  examples: nowhere.txt\n', { readLookupFile: () => undefined }))
      .toThrow(/^data\/nlu.yml:3: lookup 'city': file 'nowhere.txt' not found/);
  });

  it('warns on lines without a dash and on conflicting synonyms', () => {
    const { data, warnings } = nluOf(`nlu:
- intent: greet
  examples: |
    - hi
    hello
- synonym: a
  examples: |
    - x
- synonym: b
  examples: |
    - X
`);
    expect(data.examples).toHaveLength(1);
    expect(warnings.map((w) => [w.kind, w.line])).toEqual([['example_without_dash', 5], ['conflicting_synonym', 11]]);
  });

  it('fails with file:line on bad items and bad annotations', () => {
    expect(() => nluOf('nlu:\n- intnet: greet\n  examples: |\n    - hi\n')).toThrow(/^data\/nlu.yml:2: an nlu item needs one of intent, synonym, regex, lookup/);
    expect(() => nluOf('nlu:\n- intent: greet\n  examples: |\n    - hi\n    - [x]{"entity": oops}\n')).toThrow(/^data\/nlu.yml:5: invalid entity annotation/);
    expect(() => nluOf('nlu:\n- intent: greet\n  exemples: |\n    - hi\n')).toThrow(/^data\/nlu.yml:3: nlu intent item: unexpected key 'exemples'/);
  });
});
