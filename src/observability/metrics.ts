// Parley's Prometheus metrics: one Registry per process (never prom-client's global one), so
// tests and cluster workers stay isolated. Callers use the typed helpers, never label strings.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type BreakerState = 'closed' | 'half-open' | 'open';
export type LlmCheckOutcome = 'agreed' | 'overridden' | 'timeout' | 'failed';

export interface CreateMetricsOptions {
  /** a registry to fill; default a new one */
  registry?: Registry;
  /** adds `worker="<label>"` to every series (one registry per worker, scraped separately) */
  workerLabel?: string;
  /** Node's default process metrics (process_*, nodejs_*); default true */
  defaultMetrics?: boolean;
}

export interface ParleyMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** the Prometheus text exposition of this process (see cluster-metrics.ts for the cluster-wide one) */
  exposition(): Promise<string>;
  /** once per turn; `confidence` (the turn's intent confidence) also feeds the NLU histograms */
  observeTurn(t: { channel: string; seconds: number; intent?: string | null; confidence?: number | null }): void;
  /** the form asked for a slot */
  formSlotRequested(s: { form: string; slot: string }): void;
  /** the form rejected the value or asked for the same slot again */
  formSlotFillFailed(s: { form: string; slot: string }): void;
  /** one LLM intent check and how it ended */
  llmIntentCheck(outcome: LlmCheckOutcome): void;
  /** an LLM call outside the intent check (e.g. the rephraser) hit its timeout */
  llmTimeout(): void;
  setLlmBreakerState(state: BreakerState): void;
  cacheLookup(c: { cache: string; hit: boolean }): void;
  observeTrackerStore(o: { operation: string; seconds: number }): void;
  /** a tracker-store call failed for a transient reason and is tried again */
  trackerStoreRetried(operation: string): void;
  /** times `fn` as a tracker-store operation, failures included */
  timeTrackerStore<T>(operation: string, fn: () => Promise<T>): Promise<T>;
  observeLockWait(seconds: number): void;
  /** `kind`: a bounded name such as an ErrorCode or 'turn_failed' (never a message) */
  countError(kind: string): void;
  observeHttp(r: { method: string; route: string; status: number; seconds: number }): void;
  /** EventBroker observer (structurally matches src/broker's BrokerObserver) */
  brokerPublished(count: number): void;
  brokerDropped(count: number): void;
  brokerBufferSize(size: number): void;
}

/** Intent confidence below this counts as a low-confidence turn (the seed's indicator). */
export const LOW_CONFIDENCE_THRESHOLD = 0.5;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const CONFIDENCE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];
const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

function defineMetrics(registers: Registry[]) {
  const counter = (name: string, help: string, labelNames: string[] = []) => new Counter({ name, help, labelNames, registers });
  const histogram = (name: string, help: string, buckets: number[], labelNames: string[] = []) =>
    new Histogram({ name, help, buckets, labelNames, registers });
  return {
    turnDuration: histogram('parley_turn_duration_seconds', 'Time to handle one user turn, lock wait included', LATENCY_BUCKETS, ['channel']),
    nluConfidence: histogram('parley_nlu_confidence', 'Intent confidence of each turn', CONFIDENCE_BUCKETS),
    lowConfidence: counter('parley_nlu_low_confidence_total', `Turns whose intent confidence was under ${LOW_CONFIDENCE_THRESHOLD}`, ['intent']),
    slotRequests: counter('parley_form_slot_requests_total', 'Times a form asked for a slot', ['form', 'slot']),
    slotFailures: counter('parley_form_slot_fill_failures_total', 'Times a form rejected a value or asked for the same slot again', ['form', 'slot']),
    llmChecks: counter('parley_llm_intent_checks_total', 'LLM intent checks run (low-confidence turns sent to the LLM)'),
    llmAgreements: counter('parley_llm_agreements_total', 'LLM intent checks that agreed with the NLU'),
    llmOverrides: counter('parley_llm_overrides_total', 'LLM intent checks that chose another intent'),
    llmTimeouts: counter('parley_llm_timeouts_total', 'LLM calls cut off by their timeout'),
    llmBreaker: new Gauge({ name: 'parley_llm_breaker_state', help: 'LLM circuit breaker: 0 closed, 1 half-open, 2 open', registers, aggregator: 'max' }),
    cacheHits: counter('parley_cache_hits_total', 'Cache lookups that found a value', ['cache']),
    cacheMisses: counter('parley_cache_misses_total', 'Cache lookups that found nothing', ['cache']),
    storeDuration: histogram('parley_tracker_store_duration_seconds', 'Tracker store operation latency', STORE_BUCKETS, ['operation']),
    storeRetries: counter('parley_tracker_store_retries_total', 'Tracker store calls retried after a transient failure', ['operation']),
    lockWait: histogram('parley_lock_wait_seconds', 'Time a turn waited for its conversation lock', [...STORE_BUCKETS, 5, 10]),
    errors: counter('parley_errors_total', 'Errors by kind', ['kind']),
    httpRequests: counter('parley_http_requests_total', 'HTTP requests answered', ['method', 'route', 'status']),
    httpDuration: histogram('parley_http_request_duration_seconds', 'HTTP request latency', LATENCY_BUCKETS, ['method', 'route']),
    brokerPublished: counter('parley_event_broker_published_total', 'Events the broker confirmed'),
    brokerDropped: counter('parley_event_broker_dropped_total', 'Events dropped (buffer overflow or close)'),
    brokerBuffer: new Gauge({ name: 'parley_event_broker_buffer_size', help: 'Events waiting for the broker', registers }),
  };
}

export function createMetrics(opts: CreateMetricsOptions = {}): ParleyMetrics {
  const registry = opts.registry ?? new Registry();
  if (opts.workerLabel !== undefined) registry.setDefaultLabels({ worker: opts.workerLabel });
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const m = defineMetrics([registry]);
  const observeStore = (operation: string, seconds: number): void => { m.storeDuration.observe({ operation }, seconds); };
  return {
    registry,
    get contentType() { return registry.contentType; },
    exposition: () => registry.metrics(),
    observeTurn({ channel, seconds, intent, confidence }) {
      m.turnDuration.observe({ channel }, seconds);
      if (typeof confidence !== 'number') return;
      m.nluConfidence.observe(confidence);
      if (confidence < LOW_CONFIDENCE_THRESHOLD) m.lowConfidence.inc({ intent: intent ?? 'none' });
    },
    formSlotRequested: (s) => { m.slotRequests.inc(s); },
    formSlotFillFailed: (s) => { m.slotFailures.inc(s); },
    llmIntentCheck(outcome) {
      m.llmChecks.inc();
      if (outcome === 'agreed') m.llmAgreements.inc();
      else if (outcome === 'overridden') m.llmOverrides.inc();
      else if (outcome === 'timeout') m.llmTimeouts.inc();
    },
    llmTimeout: () => { m.llmTimeouts.inc(); },
    setLlmBreakerState: (state) => { m.llmBreaker.set(BREAKER_VALUE[state]); },
    cacheLookup: ({ cache, hit }) => { (hit ? m.cacheHits : m.cacheMisses).inc({ cache }); },
    observeTrackerStore: ({ operation, seconds }) => { observeStore(operation, seconds); },
    trackerStoreRetried: (operation) => { m.storeRetries.inc({ operation }); },
    async timeTrackerStore(operation, fn) {
      const start = performance.now();
      try {
        return await fn();
      } finally {
        observeStore(operation, (performance.now() - start) / 1000);
      }
    },
    observeLockWait: (seconds) => { m.lockWait.observe(seconds); },
    countError: (kind) => { m.errors.inc({ kind }); },
    observeHttp({ method, route, status, seconds }) {
      m.httpRequests.inc({ method, route, status: String(status) });
      m.httpDuration.observe({ method, route }, seconds);
    },
    brokerPublished: (count) => { m.brokerPublished.inc(count); },
    brokerDropped: (count) => { m.brokerDropped.inc(count); },
    brokerBufferSize: (size) => { m.brokerBuffer.set(size); },
  };
}
