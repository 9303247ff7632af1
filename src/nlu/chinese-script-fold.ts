// `chinese_script: simplified` (the default for Chinese models): the pipeline trains on and parses the
// text with traditional characters folded onto simplified ones (core's simplifyChinese), so a bot
// written in one script understands users typing the other. Entity values are then given back in the
// bot's own forms: an extracted value that folds like a value of the training data (an annotation, a
// synonym's value, a lookup entry) is written as the training data writes it; any other value as the
// user wrote it.
import { simplifyChinese, type ChineseScript, type Entity, type ModelConfig, type NluTrainingData } from '../core/index.js';

export function chineseScriptOf(config: Pick<ModelConfig, 'language' | 'chineseScript'>): ChineseScript {
  return config.chineseScript ?? (config.language.toLowerCase().startsWith('zh') ? 'simplified' : 'as_written');
}

const HAN = /\p{Script=Han}/u;

/** The training data as the pipeline reads it: texts, surface values, synonyms' surfaces, patterns and lookups folded; synonyms' values as written. */
export function foldTrainingData(data: NluTrainingData): NluTrainingData {
  return {
    ...data,
    examples: data.examples.map((ex) => ({
      ...ex,
      text: simplifyChinese(ex.text),
      entities: ex.entities.map((e) => (e.value === ex.text.slice(e.start, e.end) ? { ...e, value: simplifyChinese(e.value) } : { ...e })),
    })),
    synonyms: Object.fromEntries(Object.entries(data.synonyms).map(([surface, value]) => [simplifyChinese(surface), value])),
    regexes: data.regexes.map((r) => ({ ...r, pattern: simplifyChinese(r.pattern) })),
    lookups: data.lookups.map((l) => ({ ...l, elements: l.elements.map(simplifyChinese) })),
  };
}

/** folded value → the training data's own writing of it (the first one met), for the values with Chinese characters */
export function writtenForms(data: NluTrainingData): Record<string, string> {
  const forms: Record<string, string> = {};
  const add = (value: string): void => {
    if (!HAN.test(value)) return;
    const folded = simplifyChinese(value);
    if (!Object.hasOwn(forms, folded)) forms[folded] = value;
  };
  for (const ex of data.examples) for (const e of ex.entities) add(e.value);
  for (const value of Object.values(data.synonyms)) add(value);
  for (const l of data.lookups) l.elements.forEach(add);
  return forms;
}

/**
 * Entity values the pipeline took from the folded text (its own surface there) become the training
 * data's writing of them, else the user's; values a component changed (synonyms, normalised phones,
 * numbers, times) stay as they are.
 */
export function restoreWrittenValues(entities: Entity[], folded: string, original: string, forms: Readonly<Record<string, string>>): void {
  for (const e of entities) {
    if (typeof e.start !== 'number' || typeof e.end !== 'number') continue;
    const surface = folded.slice(e.start, e.end);
    // the surface a synonym or a dimension read is the user's
    if (e.text === surface) e.text = original.slice(e.start, e.end);
    if (e.value !== surface) continue;
    e.value = Object.hasOwn(forms, surface) ? forms[surface] as string : original.slice(e.start, e.end);
  }
}
