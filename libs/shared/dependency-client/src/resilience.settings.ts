/** How one dependency is called. Every field is per dependency (one client per base URL). */
export interface ResilienceSettings {
  /** Per attempt, in milliseconds; default 300. */
  readonly timeoutMs: number;
  /** Extra attempts for idempotent calls, with full-jitter exponential backoff; default 2. */
  readonly retries: number;
  /** Consecutive failed attempts that open the breaker; default 5. */
  readonly breakerThreshold: number;
  /** How long the breaker stays open before it lets one trial call through; default 5000. */
  readonly breakerHalfOpenAfterMs: number;
  /** Concurrent calls per dependency; default 10. */
  readonly bulkheadLimit: number;
  /** Calls waiting for a bulkhead slot; default 100. Beyond it calls are rejected at once. */
  readonly bulkheadQueue: number;
}

export const defaultResilience: ResilienceSettings = Object.freeze({
  timeoutMs: 300,
  retries: 2,
  breakerThreshold: 5,
  breakerHalfOpenAfterMs: 5000,
  bulkheadLimit: 10,
  bulkheadQueue: 100,
});

/**
 * Backoff between attempts: exponential with full jitter, the k-th wait drawn from
 * [0, min(maxDelayMs, initialDelayMs * 2^(k-1))). Kept short on purpose: a shopper is waiting,
 * and the breaker, not long waits, is what protects a dependency that is really down. With the
 * defaults the two waits are at most 25 + 50 = 75 ms.
 */
export const retryBackoff = Object.freeze({ initialDelayMs: 25, maxDelayMs: 100 });

/** The longest the retry backoff can wait in total over `retries` retries. */
export function maxBackoffMs(retries: number): number {
  let total = 0;
  for (let k = 0; k < retries; k += 1) {
    total += Math.min(retryBackoff.maxDelayMs, retryBackoff.initialDelayMs * 2 ** k);
  }
  return total;
}

/**
 * The most one logical call may take, waiting for a bulkhead slot included:
 * timeoutMs * (attempts) + the longest total backoff. Defaults: 300 * 3 + 75 = 975 ms for an
 * idempotent call, 300 ms for one that is not retried. A deadline of this length caps every call.
 */
export function callBudgetMs(settings: ResilienceSettings, idempotent: boolean): number {
  const retries = idempotent ? settings.retries : 0;
  return settings.timeoutMs * (retries + 1) + maxBackoffMs(retries);
}

/** The defaults overridden by `overrides`; throws a RangeError on a value no client could use. */
export function resolveResilience(overrides: Partial<ResilienceSettings> = {}): ResilienceSettings {
  const settings: ResilienceSettings = { ...defaultResilience, ...definedOnly(overrides) };
  requireInteger('timeoutMs', settings.timeoutMs, 1);
  requireInteger('retries', settings.retries, 0);
  requireInteger('breakerThreshold', settings.breakerThreshold, 1);
  requireInteger('breakerHalfOpenAfterMs', settings.breakerHalfOpenAfterMs, 1);
  requireInteger('bulkheadLimit', settings.bulkheadLimit, 1);
  requireInteger('bulkheadQueue', settings.bulkheadQueue, 0);
  return Object.freeze(settings);
}

function definedOnly(overrides: Partial<ResilienceSettings>): Partial<ResilienceSettings> {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`Resilience setting ${name} must be an integer >= ${min}, got ${value}`);
  }
}
