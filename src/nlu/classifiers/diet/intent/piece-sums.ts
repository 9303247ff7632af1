// The intent network's input sums of one word's character n-grams, kept per word. char_wb n-grams
// never cross a word boundary, so a message's char_wb rows are its words' rows together, and the
// input layer is linear up to the set's normalising scale: the sum of a word's rows (a few dozen
// n-grams) can be computed once and added as one vector wherever the word comes again. Most words
// of a message were seen in earlier ones, and a parse then reads one vector per word instead of
// every n-gram's row. The sums are those of the rows in another order: float32 rounding differs.
//
// The kept sums live in WebAssembly memory and are added with float32 SIMD, one call per set of a
// message; without SIMD, JavaScript adds them with the same roundings (the same bits).
import { END, F32_LOAD, F32X4_ADD, F32X4_MUL, F32X4_SPLAT, GET, I32, I32_ADD, I32_CONST, I32_LOAD, instantiate, kernelModule, LOAD, LOOP, LOOP_WHILE_DOWN, RETURN_IF_ZERO, SET, simd, simdSupported, STORE, V128, type WasmMemory } from '../wasm-simd.js';
import type { QuantizedMlp } from './quantized-mlp.js';
import type { PiecewiseSet, RowLayout } from './row-layout.js';

/** word sums kept (a vector of the input layer's width each: 1 KB at 256 units); all dropped when a message finds no room */
const WORDS_KEPT = 8192;
/** words added per kernel call (a longer message takes several) */
const BATCH = 1024;

// add(out, list, count, groups, scaleAt): for each of the `count` vector addresses from `list` on,
// out[0..4·groups) += float32(scale · vector), scale the float32 at scaleAt. Params 0–4; locals
// 5 vec, 6 o, 7 g (i32), 8 s (v128).
const [OUT, LIST, COUNT, GROUPS, SCALE_AT, VEC, O, G, S] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const MODULE = kernelModule(5, [
  2, 3, I32, 1, V128,
  ...RETURN_IF_ZERO(COUNT),
  GET, SCALE_AT, F32_LOAD, 2, 0, ...simd(F32X4_SPLAT), SET, S,
  ...LOOP,
  GET, LIST, I32_LOAD, 2, 0, SET, VEC,
  GET, OUT, SET, O,
  GET, GROUPS, SET, G,
  ...LOOP,
  GET, O, GET, O, ...LOAD(0), GET, VEC, ...LOAD(0), GET, S, ...simd(F32X4_MUL), ...simd(F32X4_ADD), ...STORE(0),
  GET, O, I32_CONST, 16, I32_ADD, SET, O,
  GET, VEC, I32_CONST, 16, I32_ADD, SET, VEC,
  ...LOOP_WHILE_DOWN(G),
  END,
  GET, LIST, I32_CONST, 4, I32_ADD, SET, LIST,
  ...LOOP_WHILE_DOWN(COUNT),
  END,
  END,
]);
const supported = simdSupported(MODULE);

type Add = (out: number, list: number, count: number, groups: number, scaleAt: number) => void;

/** The kernel's memory: the kept sums, then the out vector, the list of addresses and the scale. */
class SumArena {
  readonly memory: WasmMemory;
  readonly add: Add;
  readonly outAt: number;
  readonly listAt: number;
  readonly scaleAt: number;
  readonly out: Float32Array;
  readonly list: Int32Array;
  readonly scale: Float32Array;

  constructor(readonly stride: number, capacity: number) {
    this.outAt = 4 * stride * capacity;
    this.listAt = this.outAt + 4 * stride;
    this.scaleAt = this.listAt + 4 * BATCH;
    ({ memory: this.memory, kernel: this.add } = instantiate<Add>(MODULE, this.scaleAt + 16));
    this.out = new Float32Array(this.memory.buffer, this.outAt, stride);
    this.list = new Int32Array(this.memory.buffer, this.listAt, BATCH);
    this.scale = new Float32Array(this.memory.buffer, this.scaleAt, 1);
  }

  slot(k: number): Float32Array {
    return new Float32Array(this.memory.buffer, 4 * this.stride * k, this.stride);
  }
}

export class PieceSums {
  /** per set: word → slot of its kept sum */
  private readonly slotOf: Map<string, number>[] = [];
  private used = 0;
  /** the kept sums: WebAssembly memory (made on first use: a model whose sets never go by pieces makes none) or JavaScript arrays */
  private arena: SumArena | undefined;
  private readonly jsSlots: Float32Array[] = [];
  /** vectors padded to a multiple of four units (the padding stays zero) */
  private readonly stride: number;
  // scratch: a word's rows, each once per occurrence of its term; the slots of a message's words
  private rows = new Int32Array(64);
  private ones = new Float32Array(64).fill(1);
  private readonly wordSlots = new Int32Array(BATCH);

  private readonly useSimd: boolean;
  private readonly capacity: number;
  /** words per kernel call: at most the kept words, so that a batch always finds room */
  private readonly batch: number;

  /** `o`: for tests, JavaScript where SIMD is available, and fewer words kept */
  constructor(private readonly layout: RowLayout, private readonly model: QuantizedMlp, o: { simd?: boolean; capacity?: number } = {}) {
    this.stride = Math.ceil(model.width / 4) * 4;
    this.useSimd = supported && (o.simd ?? true);
    this.capacity = Math.max(1, o.capacity ?? WORDS_KEPT);
    this.batch = Math.min(BATCH, this.capacity);
  }

  /** sums[0, width) += scale · (the rows of every term of every word) for each set, in order */
  add(sums: Float32Array, sets: readonly PiecewiseSet[]): void {
    if (this.useSimd) this.arena ??= new SumArena(this.stride, this.capacity);
    const arena = this.arena;
    const width = this.model.width;
    if (arena) arena.out.set(sums.subarray(0, width));
    for (const set of sets) {
      const words = set.pieces.words;
      for (let from = 0; from < words.length; from += this.batch) {
        const count = Math.min(this.batch, words.length - from);
        // room for the whole batch first: dropping the kept sums must not come between a batch's slots and its adds
        if (this.used + count > this.capacity) this.dropAll();
        for (let k = 0; k < count; k++) this.wordSlots[k] = this.slotFor(set, from + k);
        if (arena) {
          for (let k = 0; k < count; k++) arena.list[k] = 4 * this.stride * (this.wordSlots[k] as number);
          arena.scale[0] = set.scale;
          arena.add(arena.outAt, arena.listAt, count, this.stride / 4, arena.scaleAt);
        } else {
          const s = Math.fround(set.scale);
          for (let k = 0; k < count; k++) {
            const v = this.jsSlots[this.wordSlots[k] as number] as Float32Array;
            for (let j = 0; j < width; j++) sums[j] = (sums[j] as number) + Math.fround(s * (v[j] as number));
          }
        }
      }
    }
    if (arena) sums.set(arena.out.subarray(0, width));
  }

  /** The slot holding the sum of the set's word k, computed when new (the caller made room). */
  private slotFor(set: PiecewiseSet, k: number): number {
    let slots = this.slotOf[set.set];
    if (slots === undefined) {
      slots = new Map();
      this.slotOf[set.set] = slots;
    }
    const word = set.pieces.words[k] as string;
    const known = slots.get(word);
    if (known !== undefined) return known;
    const slot = this.used++;
    this.wordSum(set.pieces.terms[k] as Int32Array, set, slot);
    slots.set(word, slot);
    return slot;
  }

  private dropAll(): void {
    for (const slots of this.slotOf) slots?.clear();
    this.used = 0;
  }

  private wordSum(terms: Int32Array, set: PiecewiseSet, slot: number): void {
    if (this.rows.length < terms.length) {
      this.rows = new Int32Array(2 * terms.length);
      this.ones = new Float32Array(2 * terms.length).fill(1);
    }
    let n = 0;
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k] as number;
      const row = t < set.size ? this.layout.rowOf(set.offset + t) : -1;
      if (row >= 0) this.rows[n++] = row;
    }
    const v = this.arena ? this.arena.slot(slot) : (this.jsSlots[slot] ??= new Float32Array(this.stride));
    v.fill(0);
    this.model.addRows(v, this.rows.subarray(0, n), this.ones.subarray(0, n));
  }
}
