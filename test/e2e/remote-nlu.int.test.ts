// NLU as its own service: `parley run --role nlu` serves only /model/parse, and a dialogue
// server parses through it; when it is down the turn goes on with nlu_fallback.
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteNluParse } from '../../src/remote-nlu.js';
import { runCli, startCliServer, stopCliServer } from '../support/cli.js';
import { examplePath, startServer, type RunningServer } from '../support/example-server.js';
import { freePort } from '../support/net.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

describe('NLU as a separate service', () => {
  let tmp: TempDir;
  let nlu: ChildProcess;
  let nluPort: number;
  let dialogue: RunningServer;

  beforeAll(async () => {
    tmp = await makeTempDir('parley-nlu-role-');
    const project = join(tmp.path, 'bot');
    await cp(examplePath('order-zh'), project, { recursive: true, filter: (s) => !/[\\/](models|results|\.parley)([\\/]|$)/.test(s) });
    expect((await runCli(['train', '-p', project, '-q'])).code).toBe(0);
    nluPort = await freePort();
    nlu = await startCliServer(['-p', project, '--role', 'nlu'], nluPort);
    dialogue = await startServer({ project: examplePath('order-zh'), agent: { parse: remoteNluParse({ url: `http://127.0.0.1:${nluPort}` }) } });
  }, 60_000);

  afterAll(async () => {
    await dialogue.close();
    await stopCliServer(nlu);
    await tmp[Symbol.asyncDispose]();
  });

  it('serves /model/parse but no conversations or channels', async () => {
    const parse = await fetch(`http://127.0.0.1:${nluPort}/model/parse`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '我要两份牛肉套餐' }) });
    expect(await parse.json()).toMatchObject({ intent: { name: 'order_meal' } });
    expect((await fetch(`http://127.0.0.1:${nluPort}/conversations/x/tracker`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${nluPort}/webhooks/rest/webhook`, { method: 'POST', body: '{"message":"hi"}' })).status).toBe(404);
  });

  it('drives a dialogue server\'s turns', async () => {
    await dialogue.say('remote-1', '我要两份牛肉套餐');
    expect(((await dialogue.tracker('remote-1'))['slots'] as Record<string, unknown>)).toMatchObject({ meal: '牛肉套餐', requested_slot: 'phone' });
  });

  it('falls back to nlu_fallback quickly when the NLU server is down', async () => {
    const parse = remoteNluParse({ url: `http://127.0.0.1:${await freePort()}`, timeout_ms: 500 });
    const started = Date.now();
    const result = await parse('你好');
    expect(result.intent).toEqual({ name: 'nlu_fallback', confidence: 0 });
    expect(result.parley).toMatchObject({ decided_by: 'remote_nlu_unavailable' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
