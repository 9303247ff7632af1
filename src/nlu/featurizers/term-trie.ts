// A character trie over the vocabulary, for char_wb counting: the n-grams of one start position
// are prefixes of each other, so one walk of up to maxN steps finds all of them. Hashing each
// n-gram and confirming it against the vocabulary entry character by character read every
// character of a word about maxN² / 2 times; the walk reads each about maxN times and needs no
// confirmation. Edges live in one open-addressing table keyed by (node, character).

const spread = (node: number, char: number): number => {
  const h = Math.imul(node ^ Math.imul(char, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
};

export class TermTrie {
  /** [parent, char, child] triples; child 0 (the root is never a child) marks an empty slot */
  private readonly edges: Int32Array;
  private readonly mask: number;
  /** the term index a node spells, or -1 */
  private readonly termOf: Int32Array;

  /** `terms[i]` has index i; a repeated term keeps its last index. */
  constructor(terms: readonly string[]) {
    // node ids first (a Map, once per vocabulary), then the compact table sized to them
    const childOf = new Map<number, number>();
    const termAt: number[] = [-1];
    terms.forEach((term, index) => {
      let node = 0;
      for (let k = 0; k < term.length; k++) {
        const key = node * 65536 + term.charCodeAt(k);
        let child = childOf.get(key);
        if (child === undefined) {
          child = termAt.length;
          termAt.push(-1);
          childOf.set(key, child);
        }
        node = child;
      }
      termAt[node] = index;
    });
    let capacity = 16;
    while (capacity < childOf.size * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.edges = new Int32Array(3 * capacity);
    for (const [key, child] of childOf) {
      const node = Math.floor(key / 65536);
      const char = key % 65536;
      let s = spread(node, char) & this.mask;
      while (this.edges[3 * s + 2] !== 0) s = (s + 1) & this.mask;
      this.edges[3 * s] = node;
      this.edges[3 * s + 1] = char;
      this.edges[3 * s + 2] = child;
    }
    this.termOf = Int32Array.from(termAt);
  }

  /** The child of `node` along `char`, or -1. */
  child(node: number, char: number): number {
    const edges = this.edges;
    let s = spread(node, char) & this.mask;
    for (;;) {
      const child = edges[3 * s + 2] as number;
      if (child === 0) return -1;
      if (edges[3 * s] === node && edges[3 * s + 1] === char) return child;
      s = (s + 1) & this.mask;
    }
  }

  /** The term index node spells, or -1. */
  term(node: number): number {
    return this.termOf[node] as number;
  }
}
