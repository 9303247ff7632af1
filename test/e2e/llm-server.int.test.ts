// The LLM intent check wired through `endpoints.yml llm:` into a real server: a message below
// the threshold is decided by the LLM (recorded in parse_data and counted on /metrics), an
// answer outside the domain is refused, and a phone number never reaches the LLM.
import { randomBytes } from 'node:crypto';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveProject, type ServedProject } from '../../src/cli/serve-project.js';
import { createLogger } from '../../src/observability/logger.js';
import { startLlmStub, type LlmStub } from '../../src/testing/index.js';
import { runCli } from '../support/cli.js';
import { examplePath } from '../support/example-server.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

describe('LLM intent check in a served project', () => {
  let tmp: TempDir;
  let stub: LlmStub;
  let served: ServedProject;
  let url: string;

  beforeAll(async () => {
    stub = await startLlmStub();
    tmp = await makeTempDir('parley-llm-e2e-');
    const project = join(tmp.path, 'bot');
    await cp(examplePath('order-zh'), project, { recursive: true, filter: (s) => !/[\\/](models|results|\.parley)([\\/]|$)/.test(s) });
    await writeFile(join(project, 'endpoints.yml'), [
      'llm:', '  enabled: true', `  baseUrl: ${stub.url}`, '  model: stub-model', '  intentCheck:', '    threshold: 1',
      'parley:', '  encryption:', '    sensitive_slots: [phone, address]', '    sensitive_entities: [phone, address]', '',
    ].join('\n'));
    expect((await runCli(['train', '-p', project, '-q'])).code).toBe(0);
    process.env['PARLEY_ENCRYPTION_KEYS'] = `k1:${randomBytes(32).toString('base64')}`;
    served = await serveProject({ project, store: 'memory' }, { logger: createLogger({ level: 'silent' }) });
    await served.app.listen({ port: 0, host: '127.0.0.1' });
    const a = served.app.server.address();
    url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  }, 60_000);

  afterAll(async () => {
    await served.app.close();
    await stub.close();
    await tmp[Symbol.asyncDispose]();
    delete process.env['PARLEY_ENCRYPTION_KEYS'];
  });

  const say = (sender: string, message: string) =>
    fetch(`${url}/webhooks/rest/webhook`, { method: 'POST', body: JSON.stringify({ sender, message }) }).then((r) => r.json());
  const latest = async (sender: string) =>
    ((await (await fetch(`${url}/conversations/${sender}/tracker`)).json()) as { latest_message: { intent: { name: string }; parley: { decided_by: string; reason?: string } } }).latest_message;

  it('lets the LLM decide an unsure message among the bot\'s own intents', async () => {
    stub.enqueue({ json: { intent: 'ask_menu', confidence: 0.9, reason: 'asks what there is to eat' } });
    await say('llm-1', '你们这儿都卖点啥');
    const m = await latest('llm-1');
    expect(m.intent.name).toBe('ask_menu');
    expect(m.parley.decided_by).toBe('llm_check');
    const prompt = JSON.stringify(stub.requests.at(-1)?.body?.messages);
    expect(prompt).toContain('ask_menu');
    expect(prompt).toContain('order_meal');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^parley_llm_intent_checks_total(\{[^}]*\})? [1-9]/m);
    const counter = m.parley.reason === 'llm_agreed' ? 'parley_llm_agreements_total' : 'parley_llm_overrides_total';
    expect(metrics).toMatch(new RegExp(`^${counter}(\\{[^}]*\\})? [1-9]`, 'm'));
  });

  it('refuses an intent that is not in the domain and keeps the classifier\'s answer', async () => {
    stub.enqueue({ json: { intent: 'book_flight', confidence: 0.99, reason: 'made up' } });
    await say('llm-2', '我要两份牛肉套餐');
    const m = await latest('llm-2');
    expect(m.intent.name).toBe('order_meal');
    expect(m.parley).toMatchObject({ decided_by: 'classifier', reason: 'llm_unknown_intent' });
  });

  it('never sends a phone number to the LLM', async () => {
    stub.setDefault(() => ({ json: { intent: 'inform', confidence: 0.8, reason: 'gives a number' } }));
    const before = stub.requests.length;
    await say('llm-3', '我要一份鸡腿套餐');
    await say('llm-3', '我的电话是13812345678');
    const sent = stub.requests.slice(before).map((r) => r.raw).join('\n');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent).not.toContain('13812345678');
  });
});
