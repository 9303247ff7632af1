import { describe, expect, it } from 'vitest';
import { extractDurations } from './duration.js';

const durations = (text: string) =>
  extractDurations(text).map((m) => [text.slice(m.start, m.end), m.value, (m.additional_info as { unit: string }).unit]);

describe('duration dimension', () => {
  it.each<[string, unknown[][]]>([
    ['等两小时', [['两小时', 2, 'hour']]],
    ['三天', [['三天', 3, 'day']]],
    ['第二天', []],
    ['半小时', [['半小时', 0.5, 'hour']]],
    ['一个半小时', [['一个半小时', 1.5, 'hour']]],
    ['两个半月', [['两个半月', 2.5, 'month']]],
    ['三月', []],
    ['10分钟', [['10分钟', 10, 'minute']]],
    ['两个星期', [['两个星期', 2, 'week']]],
    ['3个月', [['3个月', 3, 'month']]],
    ['一刻钟', [['一刻钟', 15, 'minute']]],
    ['三刻钟', [['三刻钟', 45, 'minute']]],
    ['a quarter of an hour', [['a quarter of an hour', 15, 'minute']]],
    ['three quarters of an hour', [['three quarters of an hour', 45, 'minute']]],
    ['15 minutes', [['15 minutes', 15, 'minute']]],
    ['an hour', [['an hour', 1, 'hour']]],
    ['half an hour', [['half an hour', 0.5, 'hour']]],
    ['two weeks', [['two weeks', 2, 'week']]],
    ['one and a half hours', [['one and a half hours', 1.5, 'hour']]],
    ['2 and a half days', [['2 and a half days', 2.5, 'day']]],
    ['a couple of minutes', [['a couple of minutes', 2, 'minute']]],
  ])('%s', (text, expected) => {
    expect(durations(text)).toEqual(expected);
  });

  it('normalises to seconds', () => {
    expect(extractDurations('2 hours')[0]?.additional_info).toMatchObject({ unit: 'hour', hour: 2, normalized: { value: 7200, unit: 'second' } });
  });
});
