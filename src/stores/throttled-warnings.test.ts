import { describe, expect, it } from 'vitest';
import { ThrottledWarnings } from './throttled-warnings.js';

describe('ThrottledWarnings', () => {
  it('logs each event at most once per interval, then says how many it held back', () => {
    let now = 0;
    const logged: Record<string, unknown>[] = [];
    const warnings = new ThrottledWarnings({ warn: (o) => logged.push(o) }, 10_000, () => now);
    for (let i = 0; i < 5; i++) warnings.warn({ event: 'a', i }, 'a failed');
    warnings.warn({ event: 'b' }, 'b failed');
    expect(logged).toEqual([{ event: 'a', i: 0 }, { event: 'b' }]);
    now = 10_000;
    warnings.warn({ event: 'a', i: 5 }, 'a failed');
    expect(logged.at(-1)).toEqual({ event: 'a', i: 5, suppressed_since_last: 4 });
    now = 20_000;
    warnings.warn({ event: 'a', i: 6 }, 'a failed');
    expect(logged.at(-1)).toEqual({ event: 'a', i: 6 });
  });
});
