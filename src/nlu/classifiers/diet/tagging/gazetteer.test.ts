import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../util/rng.js';
import { whitespaceTokens } from '../../../tokenizers/whitespace-tokenizer.js';
import { foldGazetteers, fullGazetteer, Gazetteer } from './gazetteer.js';
import { characterUnits } from './tag-tokens.js';

const example = (text: string, value: string, entity: string): { text: string; entities: { entity: string; start: number; end: number }[] } => {
  const start = text.indexOf(value);
  return { text, entities: [{ entity, start, end: start + value.length }] };
};

/** Each value's normalised text → the types it was given (`t${i % types}` for value i). */
function knownValues(values: readonly string[], types: number): Map<string, Set<string>> {
  const known = new Map<string, Set<string>>();
  values.forEach((v, i) => {
    const key = v.toLowerCase().replace(/\s+/gu, ' ').trim();
    known.set(key, (known.get(key) ?? new Set()).add(`t${i % types}`));
  });
  return known;
}

/** What matches() must find, by checking every span of whole units ("type:text", in span order). */
function everyKnownSpan(text: string, units: readonly { start: number; end: number }[], known: ReadonlyMap<string, Set<string>>): string[] {
  const expected: string[] = [];
  for (let i = 0; i < units.length; i++) {
    for (let j = i; j < units.length; j++) {
      const span = text.slice((units[i] as { start: number }).start, (units[j] as { end: number }).end);
      const key = span.toLowerCase().replace(/\s+/gu, ' ').trim();
      for (const t of [...(known.get(key) ?? [])].sort()) expected.push(`${t}:${span}`);
    }
  }
  return expected;
}

describe('Gazetteer', () => {
  it('finds every whole-unit span spelling a known value, ignoring case and spacing, once per type', () => {
    const g = Gazetteer.fromEntries([
      { entity: 'artist', value: 'Iris  Dement' },
      { entity: 'playlist', value: 'iris dement' },
      { entity: 'city', value: 'paris' },
    ]);
    const text = 'play IRIS  DEMENT in parisian paris';
    const found = g.matches(text, whitespaceTokens(text)).map((m) => `${m.name}:${m.text}`);
    expect(found).toEqual(['artist:IRIS  DEMENT', 'playlist:IRIS  DEMENT', 'city:paris']);
  });

  it('finds values that share a prefix with longer ones, and overlapping values', () => {
    const g = Gazetteer.fromEntries(['new york', 'new york city', 'york city', 'new'].map((value) => ({ entity: 'place', value })));
    const text = 'from new york city to newark';
    const found = g.matches(text, whitespaceTokens(text)).map((m) => m.text);
    expect(found).toEqual(['new', 'new york', 'new york city', 'york city']);
  });

  it('matches runs of character units for unspaced scripts', () => {
    const g = Gazetteer.fromEntries([{ entity: 'meal', value: '宫保鸡丁' }]);
    const text = '我要宫保鸡丁';
    expect(g.matches(text, characterUnits(text))).toEqual([{ name: 'meal', start: 2, end: 6, text: '宫保鸡丁' }]);
  });

  it('finds exactly the spans a check of every span finds, on random texts (the prefix search narrows soundly)', () => {
    const random = seededRandom(3);
    const alphabet = ['a', 'b', 'ab', 'A', ' ', '\uffff', '\u00e9'];
    const word = (): string => Array.from({ length: 1 + Math.floor(random() * 3) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('').trim() || 'a';
    const values = Array.from({ length: 60 }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, word).join(' '));
    const g = Gazetteer.fromEntries(values.map((value, i) => ({ entity: `t${i % 3}`, value })));
    const known = knownValues(values, 3);
    for (let n = 0; n < 200; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 6) }, word).join(random() < 0.5 ? ' ' : '  ');
      const units = whitespaceTokens(text);
      expect(g.matches(text, units).map((m) => `${m.name}:${m.text}`)).toEqual(everyKnownSpan(text, units, known));
    }
  });

  it('finds the same spans as a check of every span over character units of mixed scripts, case and spaces', () => {
    // case, full-width and accented letters, astral characters, ideographic space and tabs, in word and character units
    const random = seededRandom(5);
    const alphabet = ['a', 'B', 'Z', '宫', '保', '鸡', 'の', '한', '　', '\t', ' ', '  ', 'Ａ', 'ｂ', 'É', 'é', '😀', '1', '〇', '\u9fff', '\u3001', '\uac00', '\ud7a3', '\uf900', 'Ⅱ', 'ǅ'];
    const piece = (): string => Array.from({ length: 1 + Math.floor(random() * 4) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const values = Array.from({ length: 80 }, () => piece().trim()).filter((v) => v !== '');
    const g = Gazetteer.fromEntries(values.map((value, i) => ({ entity: `t${i % 2}`, value })));
    const known = knownValues(values, 2);
    let found = 0;
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 5) }, () => (random() < 0.3 ? (values[Math.floor(random() * values.length)] as string) : piece())).join(random() < 0.5 ? '' : ' ');
      for (const units of [characterUnits(text), whitespaceTokens(text)]) {
        const actual = g.matches(text, units).map((m) => `${m.name}:${m.text}`);
        expect(actual).toEqual(everyKnownSpan(text, units, known));
        found += actual.length;
      }
    }
    expect(found).toBeGreaterThan(100);
  });

  it('extends a span whose text ends in the highest code unit', () => {
    const g = Gazetteer.fromEntries([{ entity: 'x', value: 'a\uffff' }, { entity: 'x', value: 'a\uffff b' }, { entity: 'x', value: 'a\uffffz' }]);
    const text = 'a\uffff b';
    const units = [{ text: 'a\uffff', start: 0, end: 2 }, { text: 'b', start: 3, end: 4 }];
    expect(g.matches(text, units).map((m) => m.text)).toEqual(['a\uffff', 'a\uffff b']);
  });

  it('survives persisting', () => {
    const g = Gazetteer.fromEntries([{ entity: 'b', value: 'x y' }, { entity: 'a', value: 'z' }, { entity: 'a', value: 'x y' }]);
    const back = Gazetteer.fromData(JSON.parse(JSON.stringify(g.toData())) as Record<string, string[]>);
    expect(back.toData()).toEqual({ a: ['x y', 'z'], b: ['x y'] });
    expect(back.matches('x y', whitespaceTokens('x y')).map((m) => m.name)).toEqual(['a', 'b']);
  });
});

describe('foldGazetteers', () => {
  const examples = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].map((v) => example(`call ${v} now`, v, 'name'));

  it("never shows an example its own value, but shows it the other folds' values", () => {
    const folds = foldGazetteers(examples, 3, 42);
    examples.forEach((ex, i) => {
      const g = folds[i] as Gazetteer;
      const own = g.matches(ex.text, whitespaceTokens(ex.text));
      expect(own).toEqual([]);
      expect(g.size).toBe(4);
    });
  });

  it('is deterministic for a seed, and parsing uses every value', () => {
    const a = foldGazetteers(examples, 3, 7).map((g) => g.toData());
    const b = foldGazetteers(examples, 3, 7).map((g) => g.toData());
    expect(a).toEqual(b);
    expect(fullGazetteer(examples).size).toBe(6);
  });

  it('persists entity types named like Object.prototype members', () => {
    const g = Gazetteer.fromEntries([{ entity: 'constructor', value: 'red' }, { entity: 'toString', value: 'blue' }, { entity: '__proto__', value: 'green' }]);
    const data = JSON.parse(JSON.stringify(g.toData())) as ReturnType<Gazetteer['toData']>;
    expect(Object.keys(data).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    const text = 'red blue green';
    expect(Gazetteer.fromData(data).matches(text, whitespaceTokens(text)).map((m) => m.name)).toEqual(['constructor', 'toString', '__proto__']);
  });
});
