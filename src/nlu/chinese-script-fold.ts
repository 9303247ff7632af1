// `chinese_script: simplified` (the default for Chinese models): the pipeline trains on and parses the
// text with traditional characters folded onto simplified ones and full-width letters and digits onto
// ASCII (core's foldChinese), so a bot written in one script understands users typing the other.
// Entity values are then given back in the bot's own forms: an extracted value that folds like a value
// of the training data (an annotation, a synonym's value, a lookup entry) is written as the training
// data writes it; any other value as the user wrote it.
import { foldChinese, type ChineseScript, type Entity, type ModelConfig, type NluTrainingData } from '../core/index.js';
import { isChineseLanguage } from './util/language.js';

export function chineseScriptOf(config: Pick<ModelConfig, 'language' | 'chineseScript'>): ChineseScript {
  return config.chineseScript ?? (isChineseLanguage(config.language) ? 'simplified' : 'as_written');
}

const HAN = /\p{Script=Han}/u;

/** The training data as the pipeline reads it: texts, surface values, synonyms' surfaces, patterns and lookups folded; synonyms' values as written. */
export function foldTrainingData(data: NluTrainingData): NluTrainingData {
  return {
    ...data,
    examples: data.examples.map((ex) => ({
      ...ex,
      text: foldChinese(ex.text),
      entities: ex.entities.map((e) => (e.value === ex.text.slice(e.start, e.end) ? { ...e, value: foldChinese(e.value) } : { ...e })),
    })),
    synonyms: Object.fromEntries(Object.entries(data.synonyms).map(([surface, value]) => [foldChinese(surface), value])),
    regexes: data.regexes.map((r) => ({ ...r, pattern: foldChinese(r.pattern) })),
    lookups: data.lookups.map((l) => ({ ...l, elements: l.elements.map(foldChinese) })),
  };
}

/** folded value → the training data's own writing of it (the first one met), for the values with Chinese characters */
export function writtenForms(data: NluTrainingData): Record<string, string> {
  const forms: Record<string, string> = {};
  const add = (value: string): void => {
    if (!HAN.test(value)) return;
    const folded = foldChinese(value);
    if (!Object.hasOwn(forms, folded)) forms[folded] = value;
  };
  for (const ex of data.examples) for (const e of ex.entities) add(e.value);
  for (const value of Object.values(data.synonyms)) add(value);
  for (const l of data.lookups) l.elements.forEach(add);
  return forms;
}

/**
 * The user's writing of a span, as far as a value shows it: their characters (繁體 stays 繁體), but the
 * ASCII the fold made of full-width letters and digits (１３８ is 138), which a bot can read and a
 * normaliser may already have written the same way.
 */
function userWriting(original: string, folded: string, start: number, end: number): string {
  let out = '';
  for (let k = start; k < end; k++) {
    const o = original.charCodeAt(k);
    out += o >= 0xff00 || o === 0x3000 ? (folded[k] as string) : (original[k] as string);
  }
  return out;
}

/**
 * Entity values the pipeline took from the folded text (its own surface there) become the training
 * data's writing of them, else the user's; values a component changed (synonyms, normalised phones,
 * numbers, times) stay as they are. The surface (`text`) is the user's, exactly.
 */
export function restoreWrittenValues(entities: Entity[], folded: string, original: string, forms: Readonly<Record<string, string>>): void {
  for (const e of entities) {
    if (typeof e.start !== 'number' || typeof e.end !== 'number') continue;
    const surface = folded.slice(e.start, e.end);
    if (e.text === surface) e.text = original.slice(e.start, e.end);
    if (e.value !== surface) continue;
    e.value = Object.hasOwn(forms, surface) ? forms[surface] as string : userWriting(original, folded, e.start, e.end);
  }
}
