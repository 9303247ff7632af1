// One place that turns errors into Rasa's ErrorResponse: installed on the root instance so
// every encapsulated route plugin inherits it (a registered plugin would be encapsulated).
import type { FastifyInstance } from 'fastify';
import { logEvent } from '../../observability/logger.js';
import { errorBody, toErrorResponse } from '../error-response.js';

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const body = toErrorResponse(err, request.id);
    if (body.code >= 500) {
      logEvent(request.log, 'error', 'http.request.failed', { err, status: body.code });
    } else {
      logEvent(request.log, 'info', 'http.request.rejected', { status: body.code, reason: body.reason, message: body.message });
    }
    return reply.status(body.code).type('application/json; charset=utf-8').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body = errorBody(404, 'NotFound', `No route for ${request.method} ${request.url.split('?')[0] ?? ''}.`);
    return reply.status(404).type('application/json; charset=utf-8').send(body);
  });
}
