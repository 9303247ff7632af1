// Stores hand out copies that went through JSON, so every store (memory or SQL jsonb) gives
// back the same shapes: `undefined` fields vanish, non-JSON numbers become null, and no caller
// can mutate what another caller reads.

/** A deep copy of a JSON-compatible value, with exactly the semantics of a JSON round trip. */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
