// Rasa's ErrorResponse body (rasa-compat §1.2), built from any error the server meets.
import { errorCatalog, isParleyError, type ErrorCode } from '../errors.js';
import { RASA_VERSION } from './version.js';

export interface ErrorResponseBody {
  version: string;
  status: 'failure';
  message: string;
  reason: string;
  details: Record<string, unknown>;
  help: string | null;
  code: number;
}

/** Rasa's reason strings (clients branch on some of them, e.g. `Conflict`, `NotAuthenticated`). */
export const REASON_BY_CODE = {
  CONFIG_INVALID: 'ConfigError',
  PROJECT_INVALID: 'InvalidDomainError',
  PROJECT_NOT_FOUND: 'NotFound',
  MODEL_NOT_FOUND: 'Conflict',
  MODEL_INVALID: 'LoadingError',
  TRAINING_FAILED: 'TrainingError',
  NLU_FAILED: 'ParsingError',
  STORE_UNAVAILABLE: 'ServiceUnavailable',
  STORE_APPEND_CONFLICT: 'Conflict',
  LOCK_TIMEOUT: 'ServiceUnavailable',
  ACTION_FAILED: 'ConversationError',
  ACTION_REJECTED: 'BadRequest',
  ACTION_NOT_FOUND: 'NotFound',
  CONVERSATION_NOT_FOUND: 'Not found',
  INTENT_NOT_FOUND: 'NotFound',
  HTTP_BAD_REQUEST: 'BadRequest',
  HTTP_NOT_AUTHENTICATED: 'NotAuthenticated',
  HTTP_NOT_AUTHORIZED: 'NotAuthorized',
  HTTP_NOT_ACCEPTABLE: 'NotAcceptable',
  INTERNAL: 'InternalError',
} as const satisfies Record<ErrorCode, string>;

const REASON_BY_STATUS: Record<number, string> = {
  400: 'BadRequest', 401: 'NotAuthenticated', 403: 'NotAuthorized', 404: 'NotFound', 405: 'MethodNotAllowed',
  406: 'NotAcceptable', 408: 'RequestTimeout', 409: 'Conflict', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType',
  429: 'TooManyRequests', 503: 'ServiceUnavailable',
};

export function errorBody(code: number, reason: string, message: string, details: Record<string, unknown> = {}): ErrorResponseBody {
  return { version: RASA_VERSION, status: 'failure', message, reason, details, help: null, code };
}

interface ValidationIssue { instancePath?: string; params?: Record<string, unknown> }
interface FrameworkError { statusCode?: number; message?: string; validation?: ValidationIssue[]; validationContext?: string }

const CONTEXT_NAMES: Record<string, string> = { querystring: 'query', params: 'path', body: 'body', headers: 'header' };

// `{parameter, in}` as Rasa reports it, derived from the first schema violation.
function validationDetails(err: FrameworkError): Record<string, unknown> {
  const first = err.validation?.[0];
  const missing = first?.params?.['missingProperty'];
  const fromPath = first?.instancePath?.split('/').filter((s) => s !== '')[0];
  const parameter = typeof missing === 'string' ? missing : fromPath;
  const where = CONTEXT_NAMES[err.validationContext ?? ''] ?? err.validationContext;
  return { ...(parameter !== undefined ? { parameter } : {}), ...(where !== undefined ? { in: where } : {}) };
}

/** The body for any error; unexpected ones say nothing about their cause, only the request id. */
export function toErrorResponse(err: unknown, requestId: string): ErrorResponseBody {
  if (isParleyError(err)) {
    const status = errorCatalog[err.code].status;
    const details = status >= 500 ? { ...err.details, request_id: requestId } : { ...err.details };
    return errorBody(status, REASON_BY_CODE[err.code], err.message, details);
  }
  const fw = (typeof err === 'object' && err !== null ? err : {}) as FrameworkError;
  if (fw.validation !== undefined) return errorBody(400, 'BadRequest', fw.message ?? 'Invalid request.', validationDetails(fw));
  const status = fw.statusCode;
  // Fastify's own 4xx errors (bad JSON, payload too large...) describe the request, not our internals.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return errorBody(status, REASON_BY_STATUS[status] ?? 'BadRequest', fw.message ?? 'Bad request.');
  }
  return errorBody(500, 'InternalError',
    `An internal error occurred. If it persists, report request id ${requestId}.`, { request_id: requestId });
}
