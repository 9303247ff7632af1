// A character trie over the vocabulary, for char_wb counting: the n-grams of one start position
// are prefixes of each other, so one walk of up to maxN steps finds all of them. Hashing each
// n-gram and confirming it against the vocabulary entry character by character read every
// character of a word about maxN² / 2 times; the walk reads each about maxN times and needs no
// confirmation. Edges live in one open-addressing table keyed by (node, character).

const spread = (node: number, char: number): number => {
  const h = Math.imul(node ^ Math.imul(char, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
};

/** Slots for `edges` edges at most half full: a power of two, at least 16. */
function capacityFor(edges: number): number {
  let capacity = 16;
  while (capacity < edges * 2) capacity *= 2;
  return capacity;
}

export class TermTrie {
  /** [parent, char, child] triples; child 0 (the root is never a child) marks an empty slot */
  private readonly edges: Int32Array;
  private readonly mask: number;
  /** the term index a node spells, or -1 */
  private readonly termOf: Int32Array;

  /** `terms[i]` has index i; a repeated term keeps its last index. */
  constructor(terms: readonly string[]) {
    // edges go straight into an open-addressing table sized for the most nodes the terms can make
    // (one per character), then move to one sized for the nodes they made. A Map keyed by node and
    // character took 166 ms for 11,000 gazetteer values: past 32,767 nodes its keys were no longer
    // small integers.
    let chars = 0;
    for (const term of terms) chars += term.length;
    const termAt = new Int32Array(chars + 1).fill(-1);
    let table = new Int32Array(3 * capacityFor(chars));
    let mask = table.length / 3 - 1;
    let nodes = 1;
    terms.forEach((term, index) => {
      let node = 0;
      for (let k = 0; k < term.length; k++) {
        const char = term.charCodeAt(k);
        let s = spread(node, char) & mask;
        for (;;) {
          const child = table[3 * s + 2] as number;
          if (child === 0) {
            table[3 * s] = node;
            table[3 * s + 1] = char;
            table[3 * s + 2] = nodes;
            node = nodes++;
            break;
          }
          if (table[3 * s] === node && table[3 * s + 1] === char) {
            node = child;
            break;
          }
          s = (s + 1) & mask;
        }
      }
      termAt[node] = index;
    });
    const built = table;
    table = new Int32Array(3 * capacityFor(nodes - 1));
    mask = table.length / 3 - 1;
    for (let e = 0; e < built.length; e += 3) {
      const child = built[e + 2] as number;
      if (child === 0) continue;
      let s = spread(built[e] as number, built[e + 1] as number) & mask;
      while (table[3 * s + 2] !== 0) s = (s + 1) & mask;
      table[3 * s] = built[e] as number;
      table[3 * s + 1] = built[e + 1] as number;
      table[3 * s + 2] = child;
    }
    this.edges = table;
    this.mask = mask;
    this.termOf = termAt.slice(0, nodes);
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
