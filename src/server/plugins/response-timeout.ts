// Rasa's --response-timeout: a request whose answer is not sent in time gets a 503 in Rasa's
// error shape. (Fastify's requestTimeout only bounds *receiving* the request.) The handler
// is not cancelled; its late answer is dropped by Fastify.
import type { FastifyInstance } from 'fastify';
import { logEvent } from '../../observability/logger.js';
import { errorBody } from '../error-response.js';

export function installResponseTimeout(app: FastifyInstance, timeoutMs: number): void {
  const timers = new WeakMap<object, NodeJS.Timeout>();
  app.addHook('onRequest', async (request, reply) => {
    const timer = setTimeout(() => {
      if (reply.sent) return;
      logEvent(request.log, 'warn', 'http.response_timeout', { timeout_ms: timeoutMs });
      void reply.status(503).type('application/json; charset=utf-8')
        .send(errorBody(503, 'ServiceUnavailable', `No response within ${timeoutMs} ms (response timeout).`));
    }, timeoutMs);
    timer.unref();
    timers.set(request, timer);
  });
  const clear = async (request: object): Promise<void> => { clearTimeout(timers.get(request)); };
  app.addHook('onResponse', clear);
  app.addHook('onRequestAbort', clear);
}
