// Aggregation across real node:cluster workers (a child process runs test/support/cluster-metrics-run.ts).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from './exposition.test-helper.js';

const run = promisify(execFile);

describe('cluster metrics', () => {
  it('a scrape shows every worker\'s counts: from the primary, from any worker\'s /metrics, and from the metrics server', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/support/cluster-metrics-run.ts'], { timeout: 30_000 });
    const out = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, string | number>;
    expect(out['unauthorized']).toBe(401);
    for (const key of ['fromPrimary', 'fromWorker', 'fromServer']) {
      const e = parseExposition(String(out[key]));
      expect(sampleValue(e, 'parley_errors_total', { kind: 'x' }), key).toBe(3); // 1 + 2
      expect(sampleValue(e, 'parley_turn_duration_seconds_count', { channel: 'rest' }), key).toBe(2);
      expect(sampleValue(e, 'parley_turn_duration_seconds_sum', { channel: 'rest' }), key).toBeCloseTo(0.3);
      expect(sampleValue(e, 'parley_nlu_low_confidence_total', { intent: 'greet' }), key).toBe(2);
      expect(sampleValue(e, 'parley_llm_breaker_state'), key).toBe(2); // the worst state, not a sum
      expect(e.types.get('process_cpu_seconds_total'), key).toBe('counter');
    }
  });
});
