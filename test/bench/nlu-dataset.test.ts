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
    // no val split: nothing to tune the oos threshold on
    expect(set.warnings).toEqual([expect.stringMatching(/^out-of-scope examples but no val\.jsonl/)]);
    const tuned = loadBenchSet(setDir({ 'train.jsonl': [row('book a table', 'book')], 'val.jsonl': [row('a table', 'book'), row('sing', 'oos')], 'test.jsonl': [row('table for two', 'book'), row('what is love', 'oos')] }));
    expect(tuned.warnings).toEqual([]);
  });

  it('keeps K examples per intent for the few-shot regime, the same ones whatever the file order', () => {
    const rows = [...Array.from({ length: 6 }, (_, i) => row(`book a table ${i}`, 'book')), row('play a song', 'play'), row('play jazz', 'play'), ...Array.from({ length: 4 }, (_, i) => row(`weather ${i}`, 'weather'))];
    const set = loadBenchSet(setDir({ 'train.jsonl': rows, 'test.jsonl': [row('table for two', 'book')] }), { perIntent: 3 });
    const count = (intent: string) => set.train.filter((r) => r.intent === intent).length;
    expect([count('book'), count('play'), count('weather')]).toEqual([3, 2, 3]);
    // the kept rows stay in file order, and another order of the same file keeps the same rows
    const index = (r: { text: string }) => rows.findIndex((x) => (JSON.parse(x) as { text: string }).text === r.text);
    expect(set.train.map(index)).toEqual([...set.train.map(index)].sort((a, b) => a - b));
    const reversed = loadBenchSet(setDir({ 'train.jsonl': [...rows].reverse(), 'test.jsonl': [row('table for two', 'book')] }), { perIntent: 3 });
    expect(new Set(reversed.train.map((r) => r.text))).toEqual(new Set(set.train.map((r) => r.text)));
    // oos trained as a class is one more intent
    const withOos = loadBenchSet(setDir({ 'train.jsonl': rows, 'train_oos.jsonl': Array.from({ length: 5 }, (_, i) => row(`joke ${i}`, 'oos')), 'test.jsonl': [row('x', 'book')] }), { perIntent: 3 });
    expect(withOos.oos?.train).toHaveLength(3);
    // --max-train still applies after the draw
    expect(loadBenchSet(setDir({ 'train.jsonl': rows, 'test.jsonl': [row('x', 'book')] }), { perIntent: 3, maxTrain: 4 }).train).toHaveLength(4);
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
    expect(() => loadBenchSet(set.dir, { split: 'val' })).toThrow(/no val\.jsonl to evaluate on/);
  });

  it('reads a UTF-8 byte-order mark, CRLF line ends and blank lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-set-'));
    writeFileSync(join(dir, 'train.jsonl'), `\uFEFF${row('a b', 'x')}\r\n\r\n  \r\n${row('c', 'y')}\r\n`);
    writeFileSync(join(dir, 'test.jsonl'), `\uFEFF${row('d', 'x')}`);
    const set = loadBenchSet(dir);
    expect(set.train.map((r) => r.intent)).toEqual(['x', 'y']);
    expect(set.test).toHaveLength(1);
  });

  it('rejects an entity whose offsets do not give its value, and converts code-point offsets', () => {
    const shifted = row('play jazz now', 'play', [{ entity: 'genre', start: 6, end: 10, value: 'jazz' }]);
    expect(() => loadBenchSet(setDir({ 'train.jsonl': [shifted], 'test.jsonl': [row('b', 'x')] }))).toThrow(/train\.jsonl:1: entity .*text\.slice\(6, 10\) is "azz "/);
    // Python counts the emoji as one character, JavaScript's slice as two
    const python = row('🎵 play jazz', 'play', [{ entity: 'genre', start: 7, end: 11, value: 'jazz' }]);
    const set = loadBenchSet(setDir({ 'train.jsonl': [python], 'test.jsonl': [row('b', 'x')] }));
    expect(set.train[0]?.entities).toEqual([{ entity: 'genre', start: 8, end: 12, value: 'jazz' }]);
    // no value: the offsets are taken as given; extra fields (role, group, …) are kept and ignored
    const extra = row('play jazz', 'play', [{ entity: 'genre', start: 5, end: 9, role: 'x', confidence: 1 }]);
    expect(loadBenchSet(setDir({ 'train.jsonl': [extra], 'test.jsonl': [row('b', 'x')] })).train[0]?.entities?.[0]).toMatchObject({ start: 5, end: 9, value: 'jazz', role: 'x' });
  });

  it('evaluates a set without test.jsonl on val only when asked, and says so otherwise', () => {
    const dir = setDir({ 'train.jsonl': [row('a', 'x')], 'val.jsonl': [row('b', 'x')] });
    expect(() => loadBenchSet(dir)).toThrow(/no test\.jsonl, only train\.jsonl and val\.jsonl: evaluate on val with --split val/);
    const set = loadBenchSet(dir, { split: 'val' });
    expect(evaluationSplit(set, 'val').map((r) => r.text)).toEqual(['b']);
    expect(() => loadBenchSet(setDir({ 'train.jsonl': [row('a', 'x')], 'test.jsonl': [row('b', 'x')], 'val.jsonl': [] }), { split: 'val' })).toThrow(/val\.jsonl: no examples \(empty file\)/);
  });

  it('names the empty file', () => {
    expect(() => loadBenchSet(setDir({ 'train.jsonl': [], 'test.jsonl': [row('b', 'x')] }))).toThrow(/train\.jsonl: no examples \(empty file\)/);
    expect(() => loadBenchSet(setDir({ 'train.jsonl': [row('a', 'x')], 'test.jsonl': [row('b', 'oos')] }))).toThrow(/test\.jsonl: only out-of-scope examples/);
    expect(() => loadBenchSet('/nonexistent/set')).toThrow(/not a directory/);
  });

  it('warns of test intents absent from train and of overlapping entity spans', () => {
    const overlapping = row('new york city', 'go', [{ entity: 'city', start: 0, end: 8, value: 'new york' }, { entity: 'place', start: 4, end: 13, value: 'york city' }]);
    const newType = row('to paris', 'x', [{ entity: 'destination', start: 3, end: 8, value: 'paris' }]);
    const set = loadBenchSet(setDir({ 'train.jsonl': [row('a', 'x'), overlapping], 'test.jsonl': [row('b', 'x'), row('c', 'unseen'), row('d', 'unseen'), newType] }));
    expect(set.warnings).toEqual([
      expect.stringMatching(/^2 test example\(s\) of 1 intent\(s\) absent from train \(unseen\)/),
      expect.stringMatching(/^1 test entity span\(s\) of 1 type\(s\) absent from train \(destination\)/),
      expect.stringMatching(/^1 train example\(s\) with overlapping entity spans/),
    ]);
  });

  it('gives Japanese, even in kana, the pipeline for text without spaces; Korean the whitespace one', () => {
    const kana = loadBenchSet(setDir({ 'train.jsonl': [row('あしたのなごやのてんきをおしえて', 'weather')], 'test.jsonl': [row('ジャズをながして', 'music')] }));
    expect(kana.language).toBe('zh');
    const korean = loadBenchSet(setDir({ 'train.jsonl': [row('서울 날씨 알려줘', 'weather')], 'test.jsonl': [row('재즈 음악 재생해', 'music')] }));
    expect(korean.language).toBe('en');
  });
});
