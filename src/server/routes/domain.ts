// GET /domain as JSON or YAML, chosen by the Accept header (rasa-compat §1.5).
import type { FastifyInstance } from 'fastify';
import { ParleyError } from '../../errors.js';
import type { RouteContext } from '../output-channel.js';
import { domainResponse, tokenQuery } from '../schemas.js';

export type DomainFormat = 'json' | 'yaml';

/**
 * The first acceptable media range wins. Rasa matches on the suffix (`...json`, `...yml`,
 * `...yaml`); wildcards also mean JSON here, so curl and browsers get an answer.
 */
export function domainFormatFor(accept: string | undefined): DomainFormat | undefined {
  if (accept === undefined || accept.trim() === '') return 'json';
  for (const range of accept.split(',')) {
    const type = (range.split(';')[0] ?? '').trim().toLowerCase();
    if (type.endsWith('json') || type === '*/*' || type === 'application/*') return 'json';
    if (type.endsWith('yml') || type.endsWith('yaml')) return 'yaml';
  }
  return undefined;
}

export async function domainRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  app.get('/domain', { schema: { querystring: tokenQuery, response: domainResponse } }, async (request, reply) => {
    const format = domainFormatFor(request.headers.accept);
    if (format === undefined) {
      throw new ParleyError('HTTP_NOT_ACCEPTABLE', 'Invalid Accept header. Domain can be provided as json '
        + '("Accept: application/json") or yml ("Accept: application/x-yml"). Make sure you\'ve set the appropriate Accept header.');
    }
    if (format === 'yaml') return reply.type('application/x-yml; charset=utf-8').send(ctx.agent.domainYaml());
    return reply.type('application/json; charset=utf-8').send(ctx.agent.domainJson());
  });
}
