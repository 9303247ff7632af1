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

/** application/json in this scope accepts an empty body (clients POST /predict with none). */
export function useLenientJson(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parser);
}

/**
 * Every body in this scope is JSON whatever its Content-Type: chat widgets POST without one,
 * so browsers label it text/plain.
 */
export function useJsonForEveryContentType(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, parser);
}
