// bench/nlu/bot-seeds.ts's labelled utterances: Rasa's entity marks read back to text and entities.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelledFile, storyTurns, unmark } from '../../bench/nlu/labelled-utterances.js';

describe('labelled utterances', () => {
  it('reads [surface](type), [surface](type:value) and [surface]{"entity": …} marks', () => {
    expect(unmark('order', '我要[两份](quantity)[鸡腿饭](meal:鸡腿套餐)，电话[0571-8765](phone)')).toEqual({
      intent: 'order', text: '我要两份鸡腿饭，电话0571-8765', entities: ['quantity:两份', 'meal:鸡腿饭', 'phone:0571-8765'],
    });
    expect(unmark('inform', 'to [Berlin]{"entity": "city", "role": "to"} please')).toEqual({ intent: 'inform', text: 'to Berlin please', entities: ['city#to:Berlin'] });
    expect(unmark('inform', 'from [Rome]{"entity": "city"}')).toEqual({ intent: 'inform', text: 'from Rome', entities: ['city:Rome'] });
    expect(unmark('greet', 'hello')).toEqual({ intent: 'greet', text: 'hello', entities: [] });
  });

  it('reads intent|text lines, skipping comments and blank lines, and names the line it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-labelled-'));
    const good = join(dir, 'good.txt');
    writeFileSync(good, '# probes\ninform|[两份](quantity)\n\ngreet|你好\n');
    expect(labelledFile(good)).toEqual([{ intent: 'inform', text: '两份', entities: ['quantity:两份'] }, { intent: 'greet', text: '你好', entities: [] }]);
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'greet|hi\njust text\n');
    expect(() => labelledFile(bad)).toThrow(`${bad}:2: expected "intent|text"`);
  });

  it('takes a project\'s test story turns, entities from inline marks or the step\'s list', () => {
    const turns = storyTurns('examples/order-zh');
    expect(turns.length).toBeGreaterThan(30);
    expect(turns[0]).toEqual({ intent: 'greet', text: '哈喽，小馋猫', entities: [] });
    expect(turns).toContainEqual({ intent: 'inform', text: '广州市天河区体育西路191号', entities: ['address:广州市天河区体育西路191号'] });
    expect(turns.some((t) => t.text.startsWith('/'))).toBe(false);
    expect(storyTurns(mkdtempSync(join(tmpdir(), 'parley-no-tests-')))).toEqual([]);
  });
});
