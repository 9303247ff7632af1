// FNV-1a, 32-bit: stable ids for labels (Rasa's response ranking carries an integer `id`), and the
// hashing of the NLU's hot paths, which continue one state over several pieces of text instead of
// building the joined string.

export const FNV_OFFSET = 0x811c9dc5;

/** The FNV-1a state after `state` continued over text[from, to). */
export function fnvContinue(state: number, text: string, from = 0, to = text.length): number {
  let h = state;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Mixes a 32-bit hash's bits before it is masked to a power-of-two table size: FNV-1a's low bits
 * alone cluster for keys that differ only at their end.
 */
export const spreadHash = (h: number): number => Math.imul(h, 0x9e3779b1) ^ (h >>> 15);

export function stableHash(text: string): number {
  return fnvContinue(FNV_OFFSET, text) | 0;
}
