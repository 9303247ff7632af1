// A ChatModel decorator for the hot path: a per-call timeout, a circuit breaker and counters.
// Every failure surfaces as an LlmFailure so callers can fall back without inspecting clients.
import { CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, isBrokenCircuitError } from 'cockatiel';
import type { ChatModel, ChatRequest, ChatResult } from './chat-model.js';
import { LlmFailure } from './llm-failure.js';

export interface GuardOptions {
  /** per-call timeout (default 1500 ms) */
  timeoutMs?: number;
  /** consecutive failures or timeouts that open the breaker (default 5) */
  consecutiveFailures?: number;
  /** how long the breaker stays open before one probe call is let through (default 30 s) */
  halfOpenAfterMs?: number;
}

export type BreakerState = 'closed' | 'open' | 'half_open' | 'isolated';

export interface ChatModelStats {
  calls: number;
  successes: number;
  failures: number;
  timeouts: number;
  short_circuited: number;
  prompt_tokens: number;
  completion_tokens: number;
  breaker: BreakerState;
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed', [CircuitState.Open]: 'open', [CircuitState.HalfOpen]: 'half_open', [CircuitState.Isolated]: 'isolated',
};

/** Rejects when the signal aborts, even if the wrapped call ignores it. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class GuardedChatModel implements ChatModel {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly timeoutMs: number;
  private readonly counts = { calls: 0, successes: 0, failures: 0, timeouts: 0, short_circuited: 0, prompt_tokens: 0, completion_tokens: 0 };

  constructor(private readonly inner: ChatModel, opts: GuardOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 1500;
    // a caller giving up (its own signal) says nothing about the LLM's health
    const counted = handleWhen((err) => !(err instanceof LlmFailure && err.kind === 'aborted'));
    this.breaker = circuitBreaker(counted, {
      halfOpenAfter: opts.halfOpenAfterMs ?? 30_000,
      breaker: new ConsecutiveBreaker(opts.consecutiveFailures ?? 5),
    });
  }

  async complete(req: ChatRequest, signal: AbortSignal): Promise<ChatResult> {
    this.counts.calls++;
    if (signal.aborted) throw new LlmFailure('aborted', 'the caller cancelled before the call');
    const ms = Math.max(1, Math.min(req.timeoutMs ?? this.timeoutMs, this.timeoutMs));
    try {
      return await this.breaker.execute(() => this.attempt(req, signal, ms));
    } catch (err) {
      if (isBrokenCircuitError(err)) {
        this.counts.short_circuited++;
        throw new LlmFailure('breaker_open', 'the LLM circuit breaker is open', { cause: err });
      }
      throw err;
    }
  }

  private async attempt(req: ChatRequest, caller: AbortSignal, ms: number): Promise<ChatResult> {
    const timeout = AbortSignal.timeout(ms);
    const signal = AbortSignal.any([caller, timeout]);
    try {
      const result = await untilAborted(this.inner.complete(req, signal), signal);
      this.counts.successes++;
      this.counts.prompt_tokens += result.usage.prompt_tokens;
      this.counts.completion_tokens += result.usage.completion_tokens;
      return result;
    } catch (err) {
      if (timeout.aborted) {
        this.counts.timeouts++;
        throw new LlmFailure('timeout', `the LLM did not answer within ${ms} ms`, { cause: err });
      }
      if (caller.aborted) throw new LlmFailure('aborted', 'the caller cancelled the call', { cause: err });
      this.counts.failures++;
      throw new LlmFailure('error', `the LLM call failed: ${(err as Error).message}`, { cause: err });
    }
  }

  get breakerState(): BreakerState {
    return STATE_NAMES[this.breaker.state];
  }

  /** A snapshot of the counters and the breaker state (for metrics and /status). */
  stats(): ChatModelStats {
    return { ...this.counts, breaker: this.breakerState };
  }
}
