import { describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from './exposition.test-helper.js';
import { createMetrics } from './metrics.js';

const PARLEY_METRICS: Record<string, string> = {
  parley_turn_duration_seconds: 'histogram',
  parley_nlu_confidence: 'histogram',
  parley_nlu_low_confidence_total: 'counter',
  parley_tracker_store_retries_total: 'counter',
  parley_form_slot_requests_total: 'counter',
  parley_form_slot_fill_failures_total: 'counter',
  parley_llm_intent_checks_total: 'counter',
  parley_llm_agreements_total: 'counter',
  parley_llm_overrides_total: 'counter',
  parley_llm_timeouts_total: 'counter',
  parley_llm_breaker_state: 'gauge',
  parley_cache_hits_total: 'counter',
  parley_cache_misses_total: 'counter',
  parley_tracker_store_duration_seconds: 'histogram',
  parley_lock_wait_seconds: 'histogram',
  parley_errors_total: 'counter',
  parley_http_requests_total: 'counter',
  parley_http_request_duration_seconds: 'histogram',
  parley_event_broker_published_total: 'counter',
  parley_event_broker_dropped_total: 'counter',
  parley_event_broker_buffer_size: 'gauge',
};

describe('createMetrics', () => {
  it('exposes every Parley metric with its type and help, named by Prometheus conventions', async () => {
    const e = parseExposition(await createMetrics({ defaultMetrics: false }).exposition());
    const ours = [...e.types].filter(([name]) => name.startsWith('parley_'));
    expect(Object.fromEntries(ours)).toEqual(PARLEY_METRICS);
    for (const [name, type] of ours) {
      expect(e.help.get(name)?.length ?? 0).toBeGreaterThan(10);
      if (type === 'counter') expect(name).toMatch(/_total$/);
      else expect(name).not.toMatch(/_total$/);
    }
  });

  it('includes Node\'s default process metrics unless turned off', async () => {
    const withDefaults = parseExposition(await createMetrics().exposition());
    expect(withDefaults.types.get('process_cpu_seconds_total')).toBe('counter');
    expect(withDefaults.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    const without = parseExposition(await createMetrics({ defaultMetrics: false }).exposition());
    expect(without.types.has('process_cpu_seconds_total')).toBe(false);
  });

  it('counts turns, low-confidence turns and the confidence histogram', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.observeTurn({ channel: 'rest', seconds: 0.12, intent: 'greet', confidence: 0.93 });
    m.observeTurn({ channel: 'rest', seconds: 0.3, intent: 'ask_price', confidence: 0.42 });
    m.observeTurn({ channel: 'socketio', seconds: 0.02, confidence: null });
    const e = parseExposition(await m.exposition());
    expect(sampleValue(e, 'parley_turn_duration_seconds_count', { channel: 'rest' })).toBe(2);
    expect(sampleValue(e, 'parley_turn_duration_seconds_sum', { channel: 'rest' })).toBeCloseTo(0.42);
    expect(sampleValue(e, 'parley_turn_duration_seconds_count', { channel: 'socketio' })).toBe(1);
    expect(sampleValue(e, 'parley_nlu_confidence_count')).toBe(2);
    expect(sampleValue(e, 'parley_nlu_confidence_bucket', { le: '0.5' })).toBe(1);
    expect(sampleValue(e, 'parley_nlu_low_confidence_total', { intent: 'ask_price' })).toBe(1);
    expect(e.samples.filter((s) => s.name === 'parley_nlu_low_confidence_total')).toHaveLength(1);
  });

  it('records forms, LLM checks, breaker, caches, stores, locks, errors and the broker', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.formSlotRequested({ form: 'order_form', slot: 'phone' });
    m.formSlotRequested({ form: 'order_form', slot: 'phone' });
    m.formSlotFillFailed({ form: 'order_form', slot: 'phone' });
    for (const o of ['agreed', 'agreed', 'overridden', 'timeout', 'failed'] as const) m.llmIntentCheck(o);
    m.llmTimeout();
    m.setLlmBreakerState('open');
    m.cacheLookup({ cache: 'intent', hit: true });
    m.cacheLookup({ cache: 'intent', hit: false });
    await m.timeTrackerStore('retrieve', async () => 1);
    await expect(m.timeTrackerStore('append', async () => { throw new Error('down'); })).rejects.toThrow('down');
    m.observeLockWait(0.003);
    m.countError('STORE_UNAVAILABLE');
    m.brokerPublished(3);
    m.brokerDropped(2);
    m.brokerBufferSize(7);
    const e = parseExposition(await m.exposition());
    expect(sampleValue(e, 'parley_form_slot_requests_total', { form: 'order_form', slot: 'phone' })).toBe(2);
    expect(sampleValue(e, 'parley_form_slot_fill_failures_total', { form: 'order_form', slot: 'phone' })).toBe(1);
    expect(sampleValue(e, 'parley_llm_intent_checks_total')).toBe(5);
    expect(sampleValue(e, 'parley_llm_agreements_total')).toBe(2);
    expect(sampleValue(e, 'parley_llm_overrides_total')).toBe(1);
    expect(sampleValue(e, 'parley_llm_timeouts_total')).toBe(2);
    expect(sampleValue(e, 'parley_llm_breaker_state')).toBe(2);
    expect(sampleValue(e, 'parley_cache_hits_total', { cache: 'intent' })).toBe(1);
    expect(sampleValue(e, 'parley_cache_misses_total', { cache: 'intent' })).toBe(1);
    expect(sampleValue(e, 'parley_tracker_store_duration_seconds_count', { operation: 'retrieve' })).toBe(1);
    expect(sampleValue(e, 'parley_tracker_store_duration_seconds_count', { operation: 'append' })).toBe(1);
    expect(sampleValue(e, 'parley_lock_wait_seconds_count')).toBe(1);
    expect(sampleValue(e, 'parley_errors_total', { kind: 'STORE_UNAVAILABLE' })).toBe(1);
    expect(sampleValue(e, 'parley_event_broker_published_total')).toBe(3);
    expect(sampleValue(e, 'parley_event_broker_dropped_total')).toBe(2);
    expect(sampleValue(e, 'parley_event_broker_buffer_size')).toBe(7);
  });

  it('keeps registries apart and labels a worker when asked', async () => {
    const a = createMetrics({ defaultMetrics: false, workerLabel: '3' });
    const b = createMetrics({ defaultMetrics: false });
    a.countError('x');
    const ea = parseExposition(await a.exposition());
    expect(sampleValue(ea, 'parley_errors_total', { kind: 'x', worker: '3' })).toBe(1);
    expect(sampleValue(parseExposition(await b.exposition()), 'parley_errors_total', { kind: 'x' })).toBe(0);
  });
});
