// Why an LLM call did not produce an answer. These never reach a user: every caller falls back to
// the classifier or the template, so they are a local class rather than ParleyError codes.

export type LlmFailureKind = 'timeout' | 'breaker_open' | 'aborted' | 'error';

export class LlmFailure extends Error {
  override readonly name = 'LlmFailure';
  constructor(readonly kind: LlmFailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The failure kind of anything a ChatModel threw ('error' for anything not already classified). */
export const failureKind = (err: unknown): LlmFailureKind => (err instanceof LlmFailure ? err.kind : 'error');
