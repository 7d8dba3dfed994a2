import type { Clock } from '@carteria/kernel';

/** How the app configures token verification: exactly one of `secret` (HS256) or `jwksUrl` (RS256/ES256). */
export interface TokenVerifierOptions {
  readonly secret?: string;
  readonly jwksUrl?: string;
  /** When set, the token's `iss` must equal it. */
  readonly issuer?: string;
  /** When set, the token's `aud` must contain it. */
  readonly audience?: string;
  /** Clock skew allowed on `exp` and `nbf`, in seconds. Default 0. */
  readonly clockToleranceSec?: number;
  /**
   * How long a verified token is reused without checking it again, in milliseconds, never past its
   * own `exp`. Default 60 000; 0 turns the cache off.
   */
  readonly cacheTtlMs?: number;
  /** Most verified tokens kept at once; the least recently used go first. Default 5000. */
  readonly cacheMaxEntries?: number;
  /** Time source of `exp`/`nbf` checks and of the cache, for tests; default the system clock. */
  readonly clock?: Clock;
}

/** The options once checked: which key source, and the claim checks. */
export type TokenVerifierConfig = (
  | { readonly keySource: 'secret'; readonly secret: Uint8Array }
  | { readonly keySource: 'jwks'; readonly jwksUrl: URL }
) & {
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  readonly clockToleranceSec: number;
  readonly cacheTtlMs: number;
  readonly cacheMaxEntries: number;
};

export const DEFAULT_TOKEN_CACHE_TTL_MS = 60_000;
export const DEFAULT_TOKEN_CACHE_MAX_ENTRIES = 5000;

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output (256 bits). */
export const MIN_SECRET_BYTES = 32;

/** The secret as key bytes; throws on a secret too short to be safe. */
export function secretKey(secret: string): Uint8Array {
  const key = new TextEncoder().encode(secret);
  if (key.byteLength < MIN_SECRET_BYTES) {
    throw new TypeError(`authz: the JWT secret must be at least ${MIN_SECRET_BYTES} bytes long.`);
  }
  return key;
}

/** Checks the options once, at composition; a bad value is a configuration bug and throws. */
export function parseTokenVerifierOptions(options: TokenVerifierOptions): TokenVerifierConfig {
  const {
    secret,
    jwksUrl,
    issuer,
    audience,
    clockToleranceSec = 0,
    cacheTtlMs = DEFAULT_TOKEN_CACHE_TTL_MS,
    cacheMaxEntries = DEFAULT_TOKEN_CACHE_MAX_ENTRIES,
  } = options;
  if ((secret === undefined) === (jwksUrl === undefined)) {
    throw new TypeError('authz: give exactly one of `secret` and `jwksUrl`.');
  }
  for (const [name, value] of [['issuer', issuer], ['audience', audience]] as const) {
    if (value !== undefined && value.trim() === '') {
      throw new TypeError(`authz: \`${name}\` must not be empty when given.`);
    }
  }
  if (!Number.isFinite(clockToleranceSec) || clockToleranceSec < 0) {
    throw new TypeError('authz: `clockToleranceSec` must be a finite number of seconds, 0 or more.');
  }
  if (!Number.isSafeInteger(cacheTtlMs) || cacheTtlMs < 0) {
    throw new TypeError('authz: `cacheTtlMs` must be a whole number of milliseconds, 0 (no cache) or more.');
  }
  if (!Number.isSafeInteger(cacheMaxEntries) || cacheMaxEntries < 1) {
    throw new TypeError('authz: `cacheMaxEntries` must be a whole number, 1 or more.');
  }
  const checks = { issuer, audience, clockToleranceSec, cacheTtlMs, cacheMaxEntries };
  if (secret !== undefined) {
    return { keySource: 'secret', secret: secretKey(secret), ...checks };
  }
  return { keySource: 'jwks', jwksUrl: jwksUrlOf(jwksUrl ?? ''), ...checks };
}

function jwksUrlOf(value: string): URL {
  const url = URL.parse(value);
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new TypeError('authz: `jwksUrl` must be an absolute http(s) URL.');
  }
  return url;
}
