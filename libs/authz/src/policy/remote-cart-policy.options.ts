import { resolveResilience } from '@carteria/dependency-client';
import type { ClientMetrics, ResilienceSettings } from '@carteria/dependency-client';
import type { Clock } from '@carteria/kernel';

/** How the app configures the remote decision point (an Open Policy Agent, or anything speaking its Data API). */
export interface RemoteCartPolicyOptions {
  /** Base URL of the policy service, e.g. `http://127.0.0.1:8181` (the app's `AUTHZ_URL`). */
  readonly url: string;
  /** Data API path of the policy package; the answer's `result` is that package's document. Default `/v1/data/carteria/cart`. */
  readonly path?: string;
  /** How long an answered decision is reused, in milliseconds. Default 5000. */
  readonly cacheTtlMs?: number;
  /** Most decisions kept at once; the least recently used go first. Default 10 000. */
  readonly cacheMaxEntries?: number;
  /** Timeout, retries, breaker and bulkhead of the HTTP client; unset fields keep the client's defaults. */
  readonly resilience?: Partial<ResilienceSettings>;
  /** Where the client reports calls and breaker state; default: nowhere. */
  readonly metrics?: ClientMetrics;
  /** Time source of the cache's TTL, for tests; default the monotonic `performance.now()`. */
  readonly clock?: Clock;
}

/** The options once checked. */
export interface RemoteCartPolicyConfig {
  readonly baseUrl: string;
  readonly path: string;
  readonly cacheTtlMs: number;
  readonly cacheMaxEntries: number;
}

export const DEFAULT_DECISION_PATH = '/v1/data/carteria/cart';
export const DEFAULT_DECISION_CACHE_TTL_MS = 5000;
export const DEFAULT_DECISION_CACHE_MAX_ENTRIES = 10_000;

/** Checks the options once, at composition; a bad value is a configuration bug and throws a TypeError. */
export function parseRemoteCartPolicyOptions(options: RemoteCartPolicyOptions): RemoteCartPolicyConfig {
  const {
    url,
    path = DEFAULT_DECISION_PATH,
    cacheTtlMs = DEFAULT_DECISION_CACHE_TTL_MS,
    cacheMaxEntries = DEFAULT_DECISION_CACHE_MAX_ENTRIES,
  } = options;
  const parsed = typeof url === 'string' ? URL.parse(url) : null;
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new TypeError('authz: the remote policy `url` must be an absolute http(s) URL.');
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new TypeError('authz: the remote policy `url` must not carry a query or a fragment.');
  }
  if (typeof path !== 'string' || !/^\/[A-Za-z0-9._~/-]*$/.test(path)) {
    throw new TypeError('authz: the remote policy `path` must start with "/" and hold only URL path characters.');
  }
  // lru-cache reads a TTL of 0 as "forever", so a decision cache must have a positive one.
  if (!Number.isSafeInteger(cacheTtlMs) || cacheTtlMs < 1) {
    throw new TypeError('authz: `cacheTtlMs` must be a whole number of milliseconds, 1 or more.');
  }
  if (!Number.isSafeInteger(cacheMaxEntries) || cacheMaxEntries < 1) {
    throw new TypeError('authz: `cacheMaxEntries` must be a whole number, 1 or more.');
  }
  resolveResilience(options.resilience); // throws a RangeError naming a bad setting
  // The client appends the path to the base URL, so a trailing slash would double it.
  return { baseUrl: url.replace(/\/+$/, ''), path, cacheTtlMs, cacheMaxEntries };
}
