// Parley's public API: named exports only.
export * from './core/index.js';
export { ParleyError, isParleyError, errorCatalog, type ErrorCode } from './errors.js';
export type { Agent, IncomingMessage, TurnResult, BotEventListener } from './agent-api.js';
export { ParleyAgent, type AgentOptions } from './agent.js';
export { loadModel, modelFromArchive, type LoadedModel } from './loaded-model.js';
export { trainProject, type TrainOptions } from './training.js';
export { readModelArchive, writeModelArchive, resolveModelPath, type ModelArchive } from './model-archive.js';
export { loadProject, validateProject, type Project, type ValidationReport } from './project/index.js';
export { defineAction, type ActionRun } from './dialogue/actions/define-action.js';
export type { Action, ActionContext } from './dialogue/actions/action.js';
export { buildApp } from './server/app.js';
export type { ServerOptions } from './server/server-options.js';
export { createTrackerStore, createLockStore, createCache } from './stores/create-stores.js';
export type { TrackerStore } from './stores/tracker-store.js';
export type { LockStore } from './stores/lock-store.js';
export type { Cache } from './stores/cache.js';
