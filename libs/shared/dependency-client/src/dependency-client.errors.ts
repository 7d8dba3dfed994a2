import { DomainError } from '@carteria/kernel';

/**
 * Any failure to get a usable answer from a dependency: timeout, connection refused or reset,
 * a non-2xx status, a body that is not JSON or that `parse` rejects, the breaker open, the
 * bulkhead full. The app answers 503 DEPENDENCY_UNAVAILABLE with Retry-After.
 */
export class DependencyUnavailableError extends DomainError {
  readonly dependency: string;
  /** What went wrong, for logs; the message, which clients see, does not say. */
  readonly reason: string;
  /** Whole seconds a caller should wait before trying again; at least 1. */
  readonly retryAfterSeconds: number;

  constructor(dependency: string, reason: string, options?: { retryAfterSeconds?: number; cause?: unknown }) {
    super(
      'DEPENDENCY_UNAVAILABLE',
      'unavailable',
      `A service this request needs (${dependency}) is unavailable; try again shortly.`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.dependency = dependency;
    this.reason = reason;
    this.retryAfterSeconds = wholeSecondsAtLeastOne(options?.retryAfterSeconds ?? 1);
  }
}

function wholeSecondsAtLeastOne(seconds: number): number {
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : 1;
}
