// A model archive read straight into WebAssembly memory (model-archive.ts), so that the SIMD parse
// kernels sum its weight sections where they lie instead of in a copy in their own memory: the
// weights are held once. Kernels claim their small scratch from a tail kept free behind the data.
// The memory never grows (growing would detach every view on the archive's sections).
import { newMemory, type WasmMemory } from './wasm-simd.js';

const align16 = (n: number): number => Math.ceil(n / 16) * 16;
/** memories made by arenaBytes(), with where their unclaimed tail starts */
const arenas = new WeakMap<ArrayBufferLike, { memory: WasmMemory; free: number }>();

/**
 * `bytes` zeroed bytes at the start of a fresh WebAssembly memory with at least `slack` bytes behind
 * them for kernels' scratch. Undefined where WebAssembly is unavailable or the memory cannot be had
 * (the caller then reads into an ordinary buffer and the kernels copy what they use).
 */
export function arenaBytes(bytes: number, slack: number): Uint8Array | undefined {
  let memory: WasmMemory;
  try {
    memory = newMemory(align16(bytes) + slack);
  } catch {
    return undefined;
  }
  arenas.set(memory.buffer, { memory, free: align16(bytes) });
  return new Uint8Array(memory.buffer, 0, bytes);
}

/** 16-aligned scratch of `bytes` in the arena that holds `buffer`; undefined if it is no arena or too full. */
export function claimScratch(buffer: ArrayBufferLike, bytes: number): { memory: WasmMemory; at: number } | undefined {
  const arena = arenas.get(buffer);
  if (arena === undefined || arena.free + bytes > buffer.byteLength) return undefined;
  const at = arena.free;
  arena.free = align16(at + bytes);
  return { memory: arena.memory, at };
}
