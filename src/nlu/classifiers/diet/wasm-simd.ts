// A tiny WebAssembly assembler for the parse kernels (intent/simd-rows.ts, tagging/simd-emissions.ts):
// each kernel is one exported function of a few dozen instructions over an imported memory, so the
// bytes are written here and the build needs no wasm toolchain. V8 does not vectorise JavaScript;
// these kernels use 128-bit SIMD. Float64 lanes round exactly as JavaScript numbers do, and
// WebAssembly has no fused multiply-add, so a kernel that adds in the same order gives the same bits.

export const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const name = (s: string): number[] => [...leb(s.length), ...new TextEncoder().encode(s)];
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
export const simd = (op: number): number[] => [0xfd, ...leb(op)];

// opcodes (WebAssembly core + fixed-width SIMD)
export const GET = 0x20, SET = 0x21, TEE = 0x22, I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
export const I32_CONST = 0x41, I32_ADD = 0x6a, I32_SUB = 0x6b, I32_MUL = 0x6c, I32_SHL = 0x74, I32_SHR_U = 0x76, I32_LT_U = 0x49, I32_EQZ = 0x45, I32_LOAD = 0x28, F64_LOAD = 0x2b;
export const LOOP = [0x03, 0x40], IF = [0x04, 0x40], END = 0x0b, BR_IF_LOOP = [0x0d, 0];
/** scalar float64 (the SIMD opcodes below share some of these names' meanings, not their numbers) */
export const F64_CONST = 0x44, F64_LE = 0x65, F64_PROMOTE_F32 = 0xbb;
export const RETURN_IF_ZERO = (local: number): number[] => [GET, local, I32_EQZ, ...IF, 0x0f, END];
/** The end of a counted-down loop: local −= 1, and go round again while it is not zero. */
export const LOOP_WHILE_DOWN = (local: number): number[] => [GET, local, I32_CONST, 1, I32_SUB, TEE, local, ...BR_IF_LOOP];
/** The end of a counted-up loop: local += 1, and go round again while it is below `limit` (unsigned). */
export const LOOP_WHILE_BELOW = (local: number, limit: number): number[] => [GET, local, I32_CONST, 1, I32_ADD, TEE, local, GET, limit, I32_LT_U, ...BR_IF_LOOP];
export const LOAD = (offset: number): number[] => [...simd(0), 4, ...leb(offset)];
export const STORE = (offset: number): number[] => [...simd(11), 4, ...leb(offset)];
/** 8 bytes into the low half of a vector, the high half zero */
export const LOAD64_ZERO = (offset: number): number[] => [...simd(93), 3, ...leb(offset)];
/** lanes 8–15 then 0–7: the high half of a vector moved down */
export const SWAP_HALVES = [...simd(13), 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
export const F32X4_SPLAT = 19, F32X4_ADD = 228, F32X4_MUL = 230, F32X4_FROM_I32 = 250, F32_LOAD = 0x2a;
export const F64X2_SPLAT = 20, I16_LOW = 135, I16_HIGH = 136, I32_LOW = 167, I32_HIGH = 168, I8X16_SHL = 107, I8X16_SHR_S = 108;
export const V128_CONST = 12, V128_BITSELECT = 82, F64X2_LT = 73, F64X2_GT = 74, F64X2_ABS = 236;
export const I32X4_TRUNC_SAT_F64X2_ZERO = 252, I64X2_EXTEND_LOW_I32X4 = 199, I64X2_SHL = 203, I64X2_ADD = 206;
export const F64_ADD = 240, F64_SUB = 241, F64_MUL = 242, F64_DIV = 243, F64_SQRT = 239, F64_FROM_I32 = 254, F64_FROM_F32 = 95, F32_FROM_F64 = 94;
/** lanes 0–7 of the first vector, then lanes 0–7 of the second: two float32 pairs into one vector */
export const LOW_HALVES = [...simd(13), 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

// The little of the WebAssembly API used here (the project's TypeScript libs do not declare it).
// no grow(): growing detaches the old buffer, which slows every typed array in the process (simd-emissions.ts)
export interface WasmMemory { readonly buffer: ArrayBuffer }
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

export const PAGE = 65536;

/** A module exporting `kernel(i32 × params)` with the given body (locals declaration first). */
export function kernelModule(params: number, body: number[]): Uint8Array {
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, params, ...new Array<number>(params).fill(I32), 0]),
    ...section(2, [1, ...name('m'), ...name('mem'), 0x02, 0x00, 0x00]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('kernel'), 0x00, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

export const simdSupported = (module: Uint8Array): boolean => wasm !== undefined && wasm.validate(module);

/** A fresh memory of `bytes` (rounded up to pages) and the module's kernel bound to it. */
export function instantiate<F>(module: Uint8Array, bytes: number): { memory: WasmMemory; kernel: F } {
  const memory = newMemory(bytes);
  return { memory, kernel: bind<F>(module, memory) };
}

/** A fresh zeroed memory of at least `bytes` (whole pages); throws where WebAssembly is unavailable. */
export function newMemory(bytes: number): WasmMemory {
  if (wasm === undefined) throw new Error('WebAssembly is unavailable');
  return new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
}

/** The module's kernel over an existing memory. */
export function bind<F>(module: Uint8Array, memory: WasmMemory): F {
  const api = wasm as WasmApi;
  return new api.Instance(new api.Module(module), { m: { mem: memory } }).exports.kernel as F;
}
