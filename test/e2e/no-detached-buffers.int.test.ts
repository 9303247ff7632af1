// Training and parsing never detach an ArrayBuffer. The first detach in a process (a WebAssembly
// memory that grows, a transferred buffer) makes V8 check every typed-array access of every
// optimised function for detachment from then on: the NLU's training kernels ran 20–35 % slower
// and parses about 30 % slower. V8 says when that happens (--trace-protector-invalidation); this
// runs the compiled CLI and a model load as users do, with messages longer than any kernel buffer.
import { spawn } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';
import { examplePath } from '../support/example-server.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

const DETACH = 'ArrayBufferDetaching';

function traced(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--trace-protector-invalidation', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${args.join(' ')} timed out`)); }, 120_000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

const PARSE = `
import { loadModel } from ${JSON.stringify(new URL('../../dist/loaded-model.js', import.meta.url).href)};
const model = await loadModel(process.argv[2]);
const texts = process.argv.slice(3);
for (const t of texts) await model.nlu.parse(t);
for (const t of texts) await model.nlu.parse(t.repeat(300));
console.log('parsed', texts.length * 2);
`;

describe('no detached buffers', () => {
  let tmp: TempDir;
  beforeAll(async () => { tmp = await makeTempDir('parley-detach-'); });
  afterAll(async () => { await tmp[Symbol.asyncDispose](); });

  for (const [bot, texts] of [
    ['order-zh', ['我要两份牛肉套餐送到北京市朝阳区建国路88号', '电话13812345678']],
    ['support-en', ['where is my order AB-123456', 'hi there']],
  ] as const) {
    it(`trains and parses ${bot} without detaching a buffer`, async () => {
      const out = join(tmp.path, bot);
      const train = await traced([CLI, 'train', '-p', examplePath(bot), '--out', out, '-q']);
      expect(train.code, train.output).toBe(0);
      expect(train.output).not.toContain(DETACH);
      const [archive] = await readdir(out);
      const script = join(tmp.path, `parse-${bot}.mjs`);
      await writeFile(script, PARSE);
      const parse = await traced([script, join(out, archive ?? ''), ...texts]);
      expect(parse.code, parse.output).toBe(0);
      expect(parse.output).toContain(`parsed ${texts.length * 2}`);
      expect(parse.output).not.toContain(DETACH);
    });
  }
});
