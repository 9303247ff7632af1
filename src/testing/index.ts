// parley/testing: fakes that stand in for external services in tests and benches.
export { startLlmStub } from './llm-stub-server.js';
export type { LlmStub, StubReply, StubRequest, StubResponder } from './llm-stub-server.js';
