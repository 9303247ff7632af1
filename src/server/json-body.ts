// Lenient JSON body parsing: an empty body is "no body" (Sanic's request.json is None then),
// anything else must be valid JSON.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ParleyError } from '../errors.js';

export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ParleyError('HTTP_BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

const parser = async (_request: FastifyRequest, body: string | Buffer): Promise<unknown> => parseJsonBody(body.toString());

/**
 * Every body in this scope is JSON whatever its Content-Type, as Sanic's request.json reads it:
 * chat widgets POST without one (browsers label it text/plain), and `curl -d` labels it
 * application/x-www-form-urlencoded. An empty body is no body (clients POST /predict with none).
 */
export function useJsonForEveryContentType(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, parser);
}
