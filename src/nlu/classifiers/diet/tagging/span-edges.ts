// Where a tagged span starts and ends. The tagger labels units, and for Chinese every punctuation
// mark is a unit of its own, so a span can end on the comma after an address (…A座1801，谢谢).
import type { Token } from '../../../component.js';

const PUNCTUATION_ONLY = /^\p{P}+$/u;

/**
 * The span's first and last unit without units of punctuation only at either edge; undefined when
 * nothing else is left. Snapping edges to the tokenizer's words was measured too and lost CAIS val
 * slot F1 (88.0 → 87.5): the tagger's character edges are better than jieba's.
 */
export function trimPunctuation(units: readonly Token[], first: number, last: number): [number, number] | undefined {
  while (first <= last && PUNCTUATION_ONLY.test((units[first] as Token).text)) first++;
  while (last >= first && PUNCTUATION_ONLY.test((units[last] as Token).text)) last--;
  return first <= last ? [first, last] : undefined;
}
