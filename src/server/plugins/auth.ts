// Rasa's `requires_auth` (rasa-compat §1.2): token first, then JWT with admin/user scope.
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { createVerifier, type Algorithm } from 'fast-jwt';
import { ParleyError } from '../../errors.js';

export interface AuthOptions {
  authToken?: string;
  jwtSecret?: string;
  jwtMethod?: string;
}

export type AuthHook = (request: FastifyRequest) => Promise<void>;

const JWT_METHODS: readonly string[] = [
  'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA',
];

const notAuthenticated = (): ParleyError => new ParleyError('HTTP_NOT_AUTHENTICATED', 'User is not authenticated.');
const notAuthorized = (): ParleyError => new ParleyError('HTTP_NOT_AUTHORIZED', 'User has insufficient permission.');

type Verify = (token: string) => unknown;

// Constant-time, so the token cannot be guessed byte by byte from response times.
function tokenMatches(provided: unknown, expected: string): boolean {
  if (typeof provided !== 'string') return false;
  const a = Buffer.from(provided);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function jwtVerifier(secret: string, method: string): Verify {
  if (!JWT_METHODS.includes(method)) {
    throw new ParleyError('CONFIG_INVALID', `Unsupported JWT method "${method}"; use one of ${JWT_METHODS.join(', ')}.`);
  }
  const verify = createVerifier({ key: secret, algorithms: [method as Algorithm] });
  return (token) => verify(token);
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function verifiedPayload(request: FastifyRequest, verify: Verify): Record<string, unknown> | undefined {
  const token = bearerToken(request);
  if (token === undefined) return undefined;
  try {
    const payload = verify(token);
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // expired, forged or malformed: all mean "not authenticated"
  }
}

// admin: everything; user: only routes with a conversation id, and only its own.
function hasScope(payload: Record<string, unknown>, request: FastifyRequest): boolean {
  const user = payload['user'];
  if (typeof user !== 'object' || user === null) return false;
  const { role, username } = user as Record<string, unknown>;
  if (role === 'admin') return true;
  if (role !== 'user') return false;
  const conversationId = (request.params as Record<string, unknown> | undefined)?.['conversation_id'];
  return typeof conversationId === 'string' && username === conversationId;
}

/** The onRequest hook for the API routes; undefined when neither token nor JWT is configured. */
export function createAuthHook(opts: AuthOptions): AuthHook | undefined {
  const { authToken, jwtSecret } = opts;
  if (authToken === undefined && jwtSecret === undefined) return undefined;
  const verify = jwtSecret === undefined ? undefined : jwtVerifier(jwtSecret, opts.jwtMethod ?? 'HS256');
  return async (request) => {
    const provided = (request.query as Record<string, unknown> | undefined)?.['token'];
    if (authToken !== undefined && tokenMatches(provided, authToken)) return;
    const payload = verify === undefined ? undefined : verifiedPayload(request, verify);
    if (payload === undefined) throw notAuthenticated();
    if (!hasScope(payload, request)) throw notAuthorized();
  };
}
