// bench/nlu reads any set in the format of shared/data/README.md: bad sets fail with file:line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluationSplit, loadBenchSet } from '../../bench/nlu/dataset.js';

function setDir(files: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-set-'));
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  return dir;
}
const row = (text: string, intent: string, entities?: unknown[]) => JSON.stringify({ text, intent, ...(entities ? { entities } : {}) });

describe('bench/nlu data sets', () => {
  it('scores inline oos examples by the out-of-scope protocol, like *_oos.jsonl files', () => {
    const dir = setDir({
      'train.jsonl': [row('book a table', 'book'), row('sing me a song', 'oos')],
      'test.jsonl': [row('table for two', 'book'), row('what is love', 'oos')],
      'test_oos.jsonl': [row('tell me a joke', 'oos')],
    });
    const set = loadBenchSet(dir);
    expect(set.train.map((r) => r.intent)).toEqual(['book']);
    expect(set.oos?.train).toHaveLength(1);
    expect(set.oos?.test.map((r) => r.text)).toEqual(['what is love', 'tell me a joke']);
    expect(set.language).toBe('en');
  });

  it('says which file and line is malformed', () => {
    expect(() => loadBenchSet(setDir({ 'train.jsonl': [row('a', 'x'), '{oops'], 'test.jsonl': [row('b', 'x')] }))).toThrow(/train\.jsonl:2: not JSON/);
    expect(() => loadBenchSet(setDir({ 'train.jsonl': [row('a', '')], 'test.jsonl': [row('b', 'x')] }))).toThrow(/train\.jsonl:1: expected/);
    const badSpan = row('play jazz', 'play', [{ entity: 'genre', start: 5, end: 20, value: 'jazz' }]);
    expect(() => loadBenchSet(setDir({ 'train.jsonl': [badSpan], 'test.jsonl': [row('b', 'x')] }))).toThrow(/train\.jsonl:1: entity/);
  });

  it('needs train.jsonl and test.jsonl, and val.jsonl only when asked to evaluate on it', () => {
    expect(() => loadBenchSet(setDir({ 'train.jsonl': [row('a', 'x')] }))).toThrow(/no test\.jsonl/);
    const set = loadBenchSet(setDir({ 'train.jsonl': [row('播放周杰伦的歌', 'music', [{ entity: 'singer', start: 2, end: 5, value: '周杰伦' }])], 'test.jsonl': [row('来点音乐', 'music')] }));
    expect(set.language).toBe('zh');
    expect(set.hasEntities).toBe(true);
    expect(evaluationSplit(set, 'test')).toHaveLength(1);
    expect(() => evaluationSplit(set, 'val')).toThrow(/no val\.jsonl/);
  });
});
