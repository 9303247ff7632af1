// English number words ("twenty one", "one hundred and five", "a dozen") and their ordinals. In core beside the
// Chinese numerals: the NLU's system entities and float slots filled from entities read them.

const ONES: Readonly<Record<string, number>> = {
  zero: 0, oh: 0, nil: 0, none: 0, one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };

const ORDINAL_ONES: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11,
  twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19,
};
const ORDINAL_TENS: Readonly<Record<string, number>> = {
  twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70, eightieth: 80, ninetieth: 90, hundredth: 100, thousandth: 1000,
};

const CARDINAL_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'dozen', ...Object.keys(TENS), ...Object.keys(SCALES)];
const cardinal = `(?:${CARDINAL_WORDS.join('|')})`;
/** "a hundred", "twenty-one", "one hundred and five", "5 hundred": a run of number words (matched case-insensitively). */
export const ENGLISH_NUMBER_SOURCE = `\\b(?:an? (?=(?:hundred|thousand|million|dozen)\\b)|\\d+(?:\\.\\d+)? (?=(?:hundred|thousand|million|billion|dozen)\\b))?${cardinal}(?:(?:[ -]|\\s+and\\s+)${cardinal})*\\b`;
/** " and a half" after a whole number (two and a half, 3 and a half hours): the number plus 0.5 */
export const AND_A_HALF_SOURCE = '\\s+and\\s+a\\s+half\\b';
const ordinalWord = `(?:${[...Object.keys(ORDINAL_ONES), ...Object.keys(ORDINAL_TENS)].join('|')})`;
export const ENGLISH_ORDINAL_SOURCE = `\\b(?:(?:${Object.keys(TENS).join('|')})[ -])?${ordinalWord}\\b`;

/** What the last word was, for which words may follow it. */
type Last = 'start' | 'digits' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale';

/**
 * Parses number words; undefined when the words do not form one number. Words add up only as
 * English composes them: tens then a unit (ninety nine), a hundred over what precedes it (fifteen
 * hundred), scales from larger to smaller (two million three thousand). "nineteen ninety nine" or
 * "one two three" are several numbers (englishNumberRuns), not their sum.
 */
export function parseEnglishNumber(text: string): number | undefined {
  const words = text.toLowerCase().split(/[\s-]+/).filter((w) => w !== '' && w !== 'and');
  if (words.length === 0) return undefined;
  let total = 0;
  let group = 0;
  let hundreds = false;
  let lastScale = Infinity;
  let last: Last = 'start';
  const afterGroupStart = (): boolean => last === 'start' || last === 'hundred' || last === 'scale';
  for (const [k, w] of words.entries()) {
    // digits open a number only before a scale word: 5 hundred, 1.5 million
    if (k === 0 && /^\d+(?:\.\d+)?$/.test(w) && words.length > 1) {
      group = Number(w);
      last = 'digits';
      continue;
    }
    const one = ONES[w];
    const tens = TENS[w];
    const scale = SCALES[w];
    if (one !== undefined) {
      const unit = one >= 1 && one <= 9;
      if (!(afterGroupStart() || (unit && last === 'tens'))) return undefined;
      group += one;
      last = unit ? 'unit' : 'teen';
    } else if (tens !== undefined) {
      if (!afterGroupStart()) return undefined;
      group += tens;
      last = 'tens';
    } else if (w === 'hundred' || w === 'dozen') {
      if (hundreds || last === 'hundred' || last === 'scale') return undefined;
      group = (group || 1) * (w === 'dozen' ? 12 : 100);
      hundreds = true;
      last = 'hundred';
    } else if (scale !== undefined) {
      if (scale >= lastScale || last === 'scale') return undefined;
      total += (group || 1) * scale;
      group = 0;
      hundreds = false;
      lastScale = scale;
      last = 'scale';
    } else return undefined;
  }
  return total + group;
}

/**
 * The numbers a run of number words holds, longest first from the left: "nineteen ninety nine" →
 * 19 and 99, "twenty one" → 21. Offsets are within `run`.
 */
export function englishNumberRuns(run: string): { start: number; end: number; value: number }[] {
  const words = [...run.matchAll(/\d+(?:\.\d+)?|[a-z]+/giu)].map((m) => ({ start: m.index, end: m.index + m[0].length, and: m[0].toLowerCase() === 'and' }));
  const out: { start: number; end: number; value: number }[] = [];
  for (let i = 0; i < words.length;) {
    let found = false;
    for (let j = words.length - 1; j >= i && !found; j--) {
      const first = words[i] as { start: number; and: boolean };
      const lastWord = words[j] as { end: number; and: boolean };
      if (first.and || lastWord.and) continue;
      const value = parseEnglishNumber(run.slice(first.start, lastWord.end));
      if (value === undefined) continue;
      out.push({ start: first.start, end: lastWord.end, value });
      i = j + 1;
      found = true;
    }
    if (!found) i++;
  }
  return out;
}

/** "third" → 3, "twenty-first" → 21, "hundredth" → 100. */
export function parseEnglishOrdinal(text: string): number | undefined {
  const words = text.toLowerCase().split(/[\s-]+/).filter((w) => w !== '');
  const last = words.pop();
  if (last === undefined) return undefined;
  const base = ORDINAL_ONES[last] ?? ORDINAL_TENS[last];
  if (base === undefined) return undefined;
  if (words.length === 0) return base;
  const prefix = parseEnglishNumber(words.join(' '));
  return prefix === undefined ? undefined : prefix + base;
}
