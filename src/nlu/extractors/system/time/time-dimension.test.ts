import { describe, expect, it } from 'vitest';
import { EN_CTX, ZH_CTX } from '../testing.js';
import type { ExtractContext } from '../system-entity.js';
import { extractTimes } from './time-dimension.js';

// reference: Wednesday 2026-03-04 10:00 (Asia/Shanghai for zh, UTC for en)
const times = (text: string, ctx: ExtractContext) => extractTimes(text, ctx).map((m) => [text.slice(m.start, m.end), m.value]);

describe('time dimension (zh)', () => {
  it.each<[string, unknown[][]]>([
    ['明天', [['明天', '2026-03-05T00:00:00.000+08:00']]],
    ['后天去', [['后天', '2026-03-06T00:00:00.000+08:00']]],
    ['昨天', [['昨天', '2026-03-03T00:00:00.000+08:00']]],
    ['明天中午十二点送到', [['明天中午十二点', '2026-03-05T12:00:00.000+08:00']]],
    ['下周三', [['下周三', '2026-03-11T00:00:00.000+08:00']]],
    ['这周五', [['这周五', '2026-03-06T00:00:00.000+08:00']]],
    ['上周一', [['上周一', '2026-02-23T00:00:00.000+08:00']]],
    ['周五', [['周五', '2026-03-06T00:00:00.000+08:00']]],
    ['星期天', [['星期天', '2026-03-08T00:00:00.000+08:00']]],
    ['今晚八点', [['今晚八点', '2026-03-04T20:00:00.000+08:00']]],
    ['下午3点半', [['下午3点半', '2026-03-04T15:30:00.000+08:00']]],
    ['晚上7点15分', [['晚上7点15分', '2026-03-04T19:15:00.000+08:00']]],
    ['早上8点', [['早上8点', '2026-03-05T08:00:00.000+08:00']]],
    ['3月5号', [['3月5号', '2026-03-05T00:00:00.000+08:00']]],
    ['2月1号', [['2月1号', '2027-02-01T00:00:00.000+08:00']]],
    ['2026年12月1日', [['2026年12月1日', '2026-12-01T00:00:00.000+08:00']]],
    ['3月5号晚上7点', [['3月5号晚上7点', '2026-03-05T19:00:00.000+08:00']]],
    ['下周三下午两点', [['下周三下午两点', '2026-03-11T14:00:00.000+08:00']]],
    ['14:30', [['14:30', '2026-03-04T14:30:00.000+08:00']]],
    ['两小时后', [['两小时后', '2026-03-04T12:00:00.000+08:00']]],
    ['三天后', [['三天后', '2026-03-07T00:00:00.000+08:00']]],
    ['下个月', [['下个月', '2026-04-01T00:00:00.000+08:00']]],
    ['下周', [['下周', '2026-03-09T00:00:00.000+08:00']]],
    ['明年', [['明年', '2027-01-01T00:00:00.000+08:00']]],
    ['快一点', []],
    ['福华一路1号', []],
    ['住3号楼', []],
    ['5号送到', [['5号', '2026-03-05T00:00:00.000+08:00']]],
    ['帮我订周六晚上6点半的位子', [['周六晚上6点半', '2026-03-07T18:30:00.000+08:00']]],
    ['我要两份', []],
  ])('%s', (text, expected) => {
    expect(times(text, ZH_CTX)).toEqual(expected);
  });

  it('reports a part of the day as an interval', () => {
    const [tonight] = extractTimes('今晚', ZH_CTX);
    expect(tonight?.value).toEqual({ from: '2026-03-04T18:00:00.000+08:00', to: '2026-03-05T00:00:00.000+08:00' });
    expect(tonight?.additional_info).toMatchObject({ type: 'interval', from: { value: '2026-03-04T18:00:00.000+08:00', grain: 'hour' } });
  });

  it('lists both readings of an hour without a part of the day, the next one first', () => {
    const [three] = extractTimes('三点', ZH_CTX);
    expect(three?.value).toBe('2026-03-04T15:00:00.000+08:00');
    const info = three?.additional_info as { grain: string; values: { value: string }[] };
    expect(info.grain).toBe('hour');
    expect(info.values.slice(0, 2).map((v) => v.value)).toEqual(['2026-03-04T15:00:00.000+08:00', '2026-03-05T03:00:00.000+08:00']);
  });
});

describe('time dimension (en)', () => {
  it.each<[string, unknown[][]]>([
    ['today', [['today', '2026-03-04T00:00:00.000+00:00']]],
    ['tomorrow at 5pm', [['tomorrow at 5pm', '2026-03-05T17:00:00.000+00:00']]],
    ['5pm tomorrow', [['5pm tomorrow', '2026-03-05T17:00:00.000+00:00']]],
    ['next wednesday', [['next wednesday', '2026-03-11T00:00:00.000+00:00']]],
    ['on friday at 3:30 pm', [['on friday at 3:30 pm', '2026-03-06T15:30:00.000+00:00']]],
    ['last monday', [['last monday', '2026-03-02T00:00:00.000+00:00']]],
    ['in 2 hours', [['in 2 hours', '2026-03-04T12:00:00.000+00:00']]],
    ['in 30 minutes', [['in 30 minutes', '2026-03-04T10:30:00.000+00:00']]],
    ['3 days ago', [['3 days ago', '2026-03-01T00:00:00.000+00:00']]],
    ['March 5th', [['March 5th', '2026-03-05T00:00:00.000+00:00']]],
    ['the 1st of December 2026', [['the 1st of December 2026', '2026-12-01T00:00:00.000+00:00']]],
    ['2026-12-01', [['2026-12-01', '2026-12-01T00:00:00.000+00:00']]],
    ['at noon', [['at noon', '2026-03-04T12:00:00.000+00:00']]],
    ['at 7 tonight', [['at 7 tonight', '2026-03-04T19:00:00.000+00:00']]],
    ['next week', [['next week', '2026-03-09T00:00:00.000+00:00']]],
    ['I have 5 apples', []],
  ])('%s', (text, expected) => {
    expect(times(text, EN_CTX)).toEqual(expected);
  });

  it('resolves in the configured zone with its offset', () => {
    const ny: ExtractContext = { ...EN_CTX, timezone: 'America/New_York' };
    expect(times('tomorrow at 9am', ny)).toEqual([['tomorrow at 9am', '2026-03-05T09:00:00.000-05:00']]);
    // the US switches to daylight time on 2026-03-08
    expect(times('March 10 at 9am', ny)).toEqual([['March 10 at 9am', '2026-03-10T09:00:00.000-04:00']]);
  });
});
