// A real, listening Parley server for end-to-end tests: a project trained in memory, the real
// Agent and stores, Fastify listening on a free port.
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ParleyAgent, type AgentOptions } from '../../src/agent.js';
import { modelFromArchive, type LoadedModel } from '../../src/loaded-model.js';
import { projectActions } from '../../src/cli/project-actions.js';
import { createLogger } from '../../src/observability/logger.js';
import { loadProject } from '../../src/project/index.js';
import { buildApp } from '../../src/server/app.js';
import type { ServerOptions } from '../../src/server/server-options.js';
import { MemoryLockStore } from '../../src/stores/memory/memory-lock-store.js';
import { MemoryTrackerStore } from '../../src/stores/memory/memory-tracker-store.js';
import { trainProject } from '../../src/training.js';

export const examplePath = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

const trained = new Map<string, Promise<LoadedModel>>();

/** Trains a project once per test file (training takes well under a second for the examples). */
export function trainedModel(projectDir: string): Promise<LoadedModel> {
  let model = trained.get(projectDir);
  if (!model) {
    model = loadProject(projectDir).then((p) => trainProject(p)).then((a) => modelFromArchive(a, 'test-model.parley.gz'));
    trained.set(projectDir, model);
  }
  return model;
}

/** The texts of the bot's messages in one reply, joined for `toContain` checks. */
export const replyTexts = (msgs: Record<string, unknown>[]): string => msgs.map((m) => m['text']).join(' | ');

/** The conversation's slots, read through the tracker API. */
export const slotsOf = async (server: RunningServer, sender: string): Promise<Record<string, unknown>> =>
  (await server.tracker(sender))['slots'] as Record<string, unknown>;

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  agent: ParleyAgent;
  close(): Promise<void>;
  /** POST /webhooks/rest/webhook and return the bot messages */
  say(sender: string, message: string): Promise<Record<string, unknown>[]>;
  tracker(sender: string, query?: string): Promise<Record<string, unknown>>;
}

export async function startServer(opts: {
  project: string; server?: Partial<ServerOptions>; agent?: Partial<AgentOptions>;
}): Promise<RunningServer> {
  const model = await trainedModel(opts.project);
  // the project's in-process actions (endpoints.yml `parley: actions:`), as `parley run` loads them
  const actions = await projectActions(opts.project);
  const agent = new ParleyAgent({ model, trackerStore: new MemoryTrackerStore(), lockStore: new MemoryLockStore(), ...(actions.length > 0 ? { actions } : {}), ...opts.agent, ...(opts.server?.metrics && !opts.agent?.metrics ? { metrics: opts.server.metrics } : {}) });
  const app = await buildApp(agent, { channels: { rest: {} }, logger: createLogger({ level: 'silent' }), ...opts.server });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url, app, agent,
    close: async () => { await app.close(); await agent.close(); },
    say: async (sender, message) => {
      const res = await fetch(`${url}/webhooks/rest/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sender, message }) });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>[];
    },
    tracker: async (sender, query = '') => {
      const res = await fetch(`${url}/conversations/${encodeURIComponent(sender)}/tracker${query}`);
      return (await res.json()) as Record<string, unknown>;
    },
  };
}
