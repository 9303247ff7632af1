// The LLM stub in its own process (as a real LLM server would be), so its work does not share
// the bench's event loop. Answers after --llm-ms with the classifier's first candidate.
import { startLlmStub, type StubRequest } from '../../src/testing/index.js';

const delayMs = Number(process.argv[2] ?? 100);

function answer(req: StubRequest) {
  const prompt = req.body?.messages?.map((m) => m.content).join('\n') ?? '';
  const first = /best first\): ([a-z_]+)/.exec(prompt)?.[1] ?? 'nlu_fallback';
  return { delayMs, json: { intent: first, confidence: 0.8, reason: 'bench' } };
}

const stub = await startLlmStub({ responder: answer });
process.send?.({ url: stub.url });
process.on('SIGTERM', () => { void stub.close().then(() => process.exit(0)); });
