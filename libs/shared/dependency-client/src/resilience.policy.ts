import {
  bulkhead,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  fullJitterGenerator,
  handleAll,
  handleWhen,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  isTaskCancelledError,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import type { CircuitBreakerPolicy, IPolicy } from 'cockatiel';
import type { BreakerState, CallOutcome } from './client.metrics.ts';
import { AttemptFailure } from './json-request.ts';
import { callBudgetMs, retryBackoff } from './resilience.settings.ts';
import type { ResilienceSettings } from './resilience.settings.ts';

/**
 * The cockatiel policies of one dependency, outermost first:
 *   deadline (callBudgetMs, aggressive) > bulkhead > retry (idempotent calls only) > breaker > attempt timeout (aggressive).
 * The deadline caps a whole call, time spent waiting for a bulkhead slot included. One bulkhead
 * slot is held per logical call, so retries never multiply concurrency. The breaker counts every
 * failed attempt; bulkhead rejections never reach it and are never retried.
 */
export class DependencyResilience {
  readonly #settings: ResilienceSettings;
  readonly #breaker: CircuitBreakerPolicy;
  readonly #idempotent: IPolicy;
  readonly #once: IPolicy;
  #openedAt = 0;

  constructor(settings: ResilienceSettings, onBreakerState: (state: BreakerState) => void) {
    this.#settings = settings;
    this.#breaker = circuitBreaker(handleAll, {
      halfOpenAfter: settings.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    });
    this.#breaker.onBreak(() => {
      this.#openedAt = Date.now();
    });
    this.#breaker.onStateChange((state) => onBreakerState(breakerStateOf(state)));

    const limiter = bulkhead(settings.bulkheadLimit, settings.bulkheadQueue);
    const attemptTimeout = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);
    const retries = retry(handleWhen(isRetryable), {
      maxAttempts: settings.retries,
      backoff: new ExponentialBackoff({
        generator: fullJitterGenerator,
        initialDelay: retryBackoff.initialDelayMs,
        maxDelay: retryBackoff.maxDelayMs,
      }),
    });
    this.#idempotent = wrap(deadline(settings, true), limiter, retries, this.#breaker, attemptTimeout);
    this.#once = wrap(deadline(settings, false), limiter, this.#breaker, attemptTimeout);
  }

  /** Runs `attempt` under the policies; its signal aborts when the attempt or the call times out. */
  execute<T>(idempotent: boolean, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const policy = idempotent ? this.#idempotent : this.#once;
    return policy.execute(({ signal }) => attempt(signal));
  }

  breakerState(): BreakerState {
    return breakerStateOf(this.#breaker.state);
  }

  /** Seconds until the breaker lets a trial call through when it is open; otherwise 1. */
  retryAfterSeconds(): number {
    if (this.#breaker.state !== CircuitState.Open) return 1;
    const remainingMs = this.#openedAt + this.#settings.breakerHalfOpenAfterMs - Date.now();
    return Math.max(1, Math.ceil(remainingMs / 1000));
  }
}

/** What a failed call counts as in the metrics. */
export function outcomeOf(error: unknown): Exclude<CallOutcome, 'success'> {
  if (isTaskCancelledError(error)) return 'timeout';
  if (isBrokenCircuitError(error)) return 'circuit_open';
  if (isBulkheadRejectedError(error)) return 'rejected';
  return 'error';
}

function deadline(settings: ResilienceSettings, idempotent: boolean) {
  return timeout(callBudgetMs(settings, idempotent), TimeoutStrategy.Aggressive);
}

/** Attempt timeouts and transient failures are retried; a broken circuit or a bad answer is not. */
function isRetryable(error: unknown): boolean {
  if (error instanceof AttemptFailure) return error.retryable;
  return isTaskCancelledError(error);
}

function breakerStateOf(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half_open';
    case CircuitState.Open:
    case CircuitState.Isolated:
      return 'open';
  }
}
