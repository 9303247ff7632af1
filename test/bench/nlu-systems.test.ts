// bench/nlu trains Parley on label names a public set may hold.
import { describe, expect, it } from 'vitest';
import { trainSystem } from '../../bench/nlu/systems.js';

describe('bench/nlu systems', () => {
  it('trains and persists Parley on entity types and intents named like Object.prototype members', async () => {
    const rows = ['red', 'blue', 'green', 'red', 'blue', 'green'].map((v, i) => {
      const text = `paint it ${v} now`;
      const entity = { red: 'constructor', blue: 'toString', green: '__proto__' }[v] as string;
      return { text, intent: i % 2 ? 'constructor' : 'paint', entities: [{ entity, start: 9, end: 9 + v.length, value: v }] };
    });
    const sys = await trainSystem('parley', rows, { language: 'en', diet: { epochs: 2 } });
    expect(JSON.stringify(sys.persisted)).toContain('"constructor"');
    const parsed = await sys.parse('paint it red now');
    expect(['paint', 'constructor']).toContain(parsed.intent);
  }, 30_000);

  it('keeps a label holding a slash one class, where Parley would read a retrieval intent', async () => {
    const rows = [['play some jazz', 'media/play'], ['play the radio', 'media/play'], ['stop the music', 'media/stop'], ['stop playing', 'media/stop'], ['what time is it', 'clock']]
      .flatMap(([text, intent]) => [{ text: text as string, intent: intent as string }, { text: `${text as string} please`, intent: intent as string }]);
    const sys = await trainSystem('parley', rows, { language: 'en', diet: { epochs: 30 } });
    expect((await sys.parse('play some jazz')).intent).toBe('media/play');
    expect((await sys.parse('stop the music')).intent).toBe('media/stop');
    expect((await sys.parse('what time is it')).intent).toBe('clock');
  }, 30_000);

  it('says why nlp.js fails on an intent named like an Object.prototype member', async () => {
    const rows = ['hi there', 'hello you', 'bye now', 'see you'].map((text, i) => ({ text, intent: i < 2 ? 'constructor' : 'bye' }));
    const sys = await trainSystem('nlpjs', rows, { language: 'en', diet: {} });
    await expect(sys.parse('hi there')).rejects.toThrow(/nlp\.js cannot handle intents named constructor.*--skip-nlpjs/);
  }, 30_000);
});
