// One error class for Parley, with a closed catalogue of codes (documented in docs/errors.md).

export const errorCatalog = {
  CONFIG_INVALID: { status: 500, retryable: false },
  PROJECT_INVALID: { status: 400, retryable: false },
  PROJECT_NOT_FOUND: { status: 404, retryable: false },
  MODEL_NOT_FOUND: { status: 409, retryable: false },
  MODEL_INVALID: { status: 500, retryable: false },
  TRAINING_FAILED: { status: 500, retryable: false },
  NLU_FAILED: { status: 500, retryable: false },
  STORE_UNAVAILABLE: { status: 503, retryable: true },
  STORE_APPEND_CONFLICT: { status: 409, retryable: true },
  LOCK_TIMEOUT: { status: 503, retryable: true },
  ACTION_FAILED: { status: 500, retryable: false },
  ACTION_REJECTED: { status: 400, retryable: false },
  ACTION_NOT_FOUND: { status: 404, retryable: false },
  CONVERSATION_NOT_FOUND: { status: 404, retryable: false },
  INTENT_NOT_FOUND: { status: 404, retryable: false },
  HTTP_BAD_REQUEST: { status: 400, retryable: false },
  HTTP_NOT_AUTHENTICATED: { status: 401, retryable: false },
  HTTP_NOT_AUTHORIZED: { status: 403, retryable: false },
  HTTP_NOT_ACCEPTABLE: { status: 406, retryable: false },
  INTERNAL: { status: 500, retryable: false },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCatalog;

export class ParleyError extends Error {
  override readonly name = 'ParleyError';
  readonly details: Record<string, unknown> | undefined;
  constructor(readonly code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, { cause: options?.cause });
    this.details = options?.details;
  }
  get status(): number { return errorCatalog[this.code].status; }
  get retryable(): boolean { return errorCatalog[this.code].retryable; }
}

export const isParleyError = (e: unknown, code?: ErrorCode): e is ParleyError =>
  e instanceof ParleyError && (code === undefined || e.code === code);
