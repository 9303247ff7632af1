import { describe, expect, it } from 'vitest';
import { emptyNluData, type Domain } from '../../../core/index.js';
import { trainNlu } from '../../train-nlu.js';
import { createMessage } from '../../pipeline/message.js';
import { componentRegistry } from '../../pipeline/registry.js';
import { resolvePipeline } from '../../pipeline/resolve-pipeline.js';
import { SystemEntityExtractor } from './system-entity-extractor.js';

const fixed = () => new Date('2026-03-04T10:00:00+08:00');

function extractor(dimensions: string[], language = 'zh', extra: Record<string, unknown> = {}) {
  const spec = componentRegistry.DucklingEntityExtractor;
  const options = spec.parseOptions({ dimensions, ...extra }, 'DucklingEntityExtractor');
  return spec.create(options, { key: 'DucklingEntityExtractor#0', name: 'DucklingEntityExtractor', language, domain: {} as Domain });
}

describe('SystemEntityExtractor', () => {
  it('writes Rasa entities for the configured dimensions, named after the config entry', () => {
    const c = new SystemEntityExtractor({ dimensions: ['number', 'time', 'amount-of-money', 'phone-number'], locale: 'zh', timezone: 'Asia/Shanghai', name: 'DucklingEntityExtractor', now: fixed });
    const msg = createMessage('明天中午十二点送两份，一共50块，电话13812345678');
    c.process(msg);
    expect(msg.parse.entities.map((e) => [e.entity, e.text, e.value])).toEqual([
      ['time', '明天中午十二点', '2026-03-05T12:00:00.000+08:00'],
      ['number', '两', 2],
      ['amount-of-money', '50块', 50],
      ['phone-number', '13812345678', '13812345678'],
    ]);
    expect(msg.parse.entities[1]).toEqual({
      entity: 'number', start: 8, end: 9, text: '两', value: 2, confidence: 1.0, extractor: 'DucklingEntityExtractor', additional_info: { value: 2, type: 'value' },
    });
  });

  it('only lets the requested dimensions compete (numbers only: 50块 is the number 50)', () => {
    const c = new SystemEntityExtractor({ dimensions: ['number'], locale: 'zh', timezone: 'Asia/Shanghai', now: fixed });
    const msg = createMessage('50块');
    c.process(msg);
    expect(msg.parse.entities.map((e) => [e.entity, e.value, e.extractor])).toEqual([['number', 50, 'SystemEntityExtractor']]);
  });

  it('takes the reference time from the message metadata (Rasa passes `time` in ms)', () => {
    const c = new SystemEntityExtractor({ dimensions: ['time'], locale: 'en', timezone: 'UTC', now: fixed });
    const msg = createMessage('tomorrow', { time: Date.parse('2030-01-01T08:00:00Z') });
    c.process(msg);
    expect(msg.parse.entities[0]?.value).toBe('2030-01-02T00:00:00.000+00:00');
  });

  it("accepts Rasa's Duckling options, ignoring url, and defaults the zone by language", () => {
    const zh = extractor(['time'], 'zh', { url: 'http://localhost:8000', timeout: 3, locale: 'zh_CN' });
    const msg = createMessage('明天', { time: '2026-03-04T10:00:00+08:00' });
    zh.process(msg);
    expect(msg.parse.entities[0]?.value).toBe('2026-03-05T00:00:00.000+08:00');
    const en = extractor(['time'], 'en');
    const msg2 = createMessage('tomorrow', { time: '2026-03-04T10:00:00Z' });
    en.process(msg2);
    expect(msg2.parse.entities[0]?.value).toBe('2026-03-05T00:00:00.000+00:00');
  });

  it('rejects unknown dimensions, unknown zones and unknown options', () => {
    expect(() => extractor(['temperature'])).toThrow(/temperature/);
    expect(() => extractor(['time'], 'en', { timezone: 'Mars/Olympus' })).toThrow(/timezone/);
    expect(() => extractor(['time'], 'en', { colour: 'red' })).toThrow(/invalid options/);
  });

  it('runs every dimension when none are listed', () => {
    const c = extractor([], 'en');
    const msg = createMessage('mail a@b.com or pay $5');
    c.process(msg);
    expect(msg.parse.entities.map((e) => e.entity)).toEqual(['email', 'amount-of-money']);
  });

  it('is a pipeline component: no longer skipped, and trained models extract with it', async () => {
    const config = { language: 'en', pipeline: [{ name: 'WhitespaceTokenizer' }, { name: 'DucklingEntityExtractor', dimensions: ['number'] }], policies: [] };
    expect(resolvePipeline(config).warnings).toEqual([]);
    const data = emptyNluData();
    const model = await trainNlu(config, data, { intents: [], entities: [] } as unknown as Domain);
    const parsed = await model.parse('twenty one guests');
    expect(parsed.entities).toMatchObject([{ entity: 'number', value: 21, extractor: 'DucklingEntityExtractor', confidence: 1 }]);
  });
});
