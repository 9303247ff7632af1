import { readFileSync } from 'node:fs';
import { decodeInt32, decodeInt32 as d2 } from '../../src/nlu/classifiers/diet/codec.js';
import { emptyDomain } from '../../src/core/index.js';
import { loadNlu, type NluModelData } from '../../src/nlu/index.js';
import { UnitFeaturizer } from '../../src/nlu/classifiers/diet/tagging/unit-featurizer.js';
import { readJsonl } from './dataset.js';
const data = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as NluModelData;
const crf = (data.components.find((c) => c.component === 'DIETClassifier')!.state as { entities: { crf: { hashes: never; rows: number; rowStart: never } } }).entities.crf;
const hashes = decodeInt32(crf.hashes, crf.rows, 'h');
const rowStart = d2(crf.rowStart, crf.rows + 1, 'r');
const rowOf = new Map<number, number>(); hashes.forEach((h, r) => rowOf.set(h, r));
let lookups = 0, hits = 0, entries = 0, units = 0, denseHits = 0, sparseEntries = 0;
const t = 1 + 4 * (crf as unknown as { types: string[] }).types.length;
const orig = UnitFeaturizer.prototype.featurize;
UnitFeaturizer.prototype.featurize = function (...args) {
  const r = orig.apply(this, args);
  for (const hs of r.hashes) { units++; for (const h of hs) { lookups++; const row = rowOf.get(h); if (row !== undefined) { hits++; const e = rowStart[row + 1]! - rowStart[row]!; entries += e; if (e > t / 4) denseHits++; else sparseEntries += e; } } }
  return r;
};
const model = loadNlu(data, emptyDomain());
const texts = readJsonl(process.argv[3]!).map((r) => r.text);
for (const t of texts) await model.parse(t);
console.log({ parses: texts.length, unitsPer: units / texts.length, lookupsPer: lookups / texts.length, hitRate: hits / lookups, entriesPer: entries / texts.length, denseHitsPer: denseHits / texts.length, sparseEntriesPer: sparseEntries / texts.length, rows: crf.rows });
