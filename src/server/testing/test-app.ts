// Test helpers: an app around a FakeAgent, a log sink, and Rasa error-body assertions.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createLogger, type Logger } from '../../observability/logger.js';
import { buildApp } from '../app.js';
import type { ServerOptions } from '../server-options.js';
import { FakeAgent, type FakeAgentOptions } from './fake-agent.js';

export interface LogSink { logger: Logger; lines: () => Record<string, unknown>[] }

/** A pino logger writing JSON lines into memory. */
export function logSink(level = 'info'): LogSink {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk.toString()); done(); } });
  const logger = createLogger({ level, destination: stream });
  const lines = (): Record<string, unknown>[] => chunks.join('').split('\n').filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines };
}

export interface TestApp { app: FastifyInstance; agent: FakeAgent; logs: LogSink }

export async function testApp(opts: Partial<ServerOptions> = {}, agentOpts: FakeAgentOptions = {}): Promise<TestApp> {
  const agent = new FakeAgent(agentOpts);
  const logs = logSink();
  const app = await buildApp(agent, { channels: { rest: {} }, logger: logs.logger, ...opts });
  return { app, agent, logs };
}

export const ERROR_BODY_KEYS = ['code', 'details', 'help', 'message', 'reason', 'status', 'version'];
