// The per-model Jieba user dictionary: the bot's own vocabulary (lookup elements, annotated entity
// values, synonyms) plus user dict files, so "牛肉套餐" stays one token and entities align with tokens.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { NluTrainingData } from '../../core/index.js';
import { ParleyError } from '../../errors.js';

/** High enough that a user word beats any split of it into dictionary words (cf. jieba's suggest_freq). */
export const USER_WORD_FREQ = 100_000;

const usable = (word: string): boolean => word.length >= 2 && !/\s/.test(word);

/** Words the training data says belong together. */
export function vocabularyWords(data: NluTrainingData): string[] {
  const words = new Set<string>();
  const add = (w: string | undefined): void => {
    const t = w?.trim();
    if (t && usable(t)) words.add(t);
  };
  for (const lookup of data.lookups) lookup.elements.forEach(add);
  for (const ex of data.examples) {
    for (const e of ex.entities) {
      add(ex.text.slice(e.start, e.end));
      add(e.value);
    }
  }
  for (const [surface, canonical] of Object.entries(data.synonyms)) {
    add(surface);
    add(canonical);
  }
  return [...words].sort();
}

/** Jieba dictionary lines (`word freq [tag]`) from a file or a directory of files; a missing freq gets ours. */
export function readDictionaryPath(path: string): string[] {
  let files: string[];
  try {
    files = statSync(path).isDirectory() ? readdirSync(path).sort().map((f) => join(path, f)) : [path];
  } catch (cause) {
    throw new ParleyError('CONFIG_INVALID', `config.yml: JiebaTokenizer dictionary_path "${path}" cannot be read`, { cause });
  }
  const lines: string[] = [];
  for (const file of files) {
    if (!statSync(file).isFile()) continue;
    for (const raw of readFileSync(file, 'utf8').split(/\r?\n/)) {
      const parts = raw.trim().split(/\s+/);
      const word = parts[0];
      if (!word) continue;
      const freq = parts[1] !== undefined && /^\d+$/.test(parts[1]) ? parts[1] : String(USER_WORD_FREQ);
      const tag = parts[1] !== undefined && !/^\d+$/.test(parts[1]) ? parts[1] : parts[2];
      lines.push([word, freq, tag].filter((p) => p !== undefined).join(' '));
    }
  }
  return lines;
}

export function dictionaryText(words: readonly string[], fileLines: readonly string[]): string {
  return [...fileLines, ...words.map((w) => `${w} ${USER_WORD_FREQ}`)].join('\n') + '\n';
}
