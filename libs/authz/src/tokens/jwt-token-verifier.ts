import { isUuid, principalOf } from '@carteria/kernel';
import type { Clock, Principal } from '@carteria/kernel';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWSAlgorithm, JWTPayload, JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { LRUCache } from 'lru-cache';
import { TokenKeysUnavailableError, UnauthenticatedError } from './token.errors.ts';
import { parseTokenVerifierOptions } from './token-verifier.options.ts';
import type { TokenVerifierOptions } from './token-verifier.options.ts';

/** Pinned per key source, so `alg: none` and HS/RS key confusion are refused before any key is used. */
const SECRET_ALGORITHMS: JWSAlgorithm[] = ['HS256'];
const JWKS_ALGORITHMS: JWSAlgorithm[] = ['RS256', 'ES256'];

/** Far above any real access token; refuses a huge header before any parsing or crypto. */
const MAX_TOKEN_LENGTH = 8192;

const NIL_UUIDS = new Set(['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);

/** What a verified token stands for; a fresh Principal is made from it on each use. */
interface Verified {
  readonly subject: string;
  readonly scopes: readonly string[];
}

/**
 * Turns a bearer JWT into a Principal, or throws UnauthenticatedError (or TokenKeysUnavailableError
 * when a JWKS cannot be fetched). One instance per process.
 *
 * A client repeats the same token on every request, so a token that passed every check is kept
 * (keyed by its exact text) for `cacheTtlMs`, never past its own `exp`. Only successes are kept:
 * a token with a bad signature, expired or otherwise refused is checked in full every time. The
 * price is that a JWKS key withdrawn by the issuer stops working up to `cacheTtlMs` later.
 */
export class TokenVerifier {
  readonly #key: Uint8Array | JWTVerifyGetKey;
  readonly #options: JWTVerifyOptions;
  readonly #clock: Clock | undefined;
  readonly #maxCacheTtlMs: number;
  readonly #verified: LRUCache<string, Verified> | undefined;

  constructor(options: TokenVerifierOptions) {
    const config = parseTokenVerifierOptions(options);
    const clock = options.clock;
    this.#clock = clock;
    this.#maxCacheTtlMs = config.cacheTtlMs;
    this.#verified =
      config.cacheTtlMs === 0
        ? undefined
        : new LRUCache<string, Verified>({
            max: config.cacheMaxEntries,
            // Expiry is checked on every read, to the millisecond: an entry never outlives the token.
            ttlResolution: 0,
            ...(clock === undefined ? {} : { perf: { now: () => clock.now().getTime() } }),
          });
    this.#key = config.keySource === 'secret' ? config.secret : keysFrom(config.jwksUrl);
    this.#options = {
      algorithms: config.keySource === 'secret' ? SECRET_ALGORITHMS : JWKS_ALGORITHMS,
      clockTolerance: config.clockToleranceSec,
      requiredClaims: ['exp', 'sub'],
      ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
      ...(config.audience === undefined ? {} : { audience: config.audience }),
    };
  }

  /** Verified tokens held right now (expired ones included until they are next looked up or evicted). */
  get cacheSize(): number {
    return this.#verified?.size ?? 0;
  }

  async verify(token: string): Promise<Principal> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new UnauthenticatedError('malformed', 'Token is malformed.');
    }
    const known = this.#verified?.get(token);
    if (known !== undefined) return principalOf(known.subject, known.scopes);

    const options = this.#clock === undefined ? this.#options : { ...this.#options, currentDate: this.#clock.now() };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#key, options));
    } catch (error) {
      throw refusal(error);
    }
    const principal = principalFrom(payload);
    this.#remember(token, payload.exp, principal);
    return principal;
  }

  #remember(token: string, exp: number | undefined, principal: Principal): void {
    if (this.#verified === undefined || exp === undefined || principal.subject === null) return;
    const now = this.#clock?.now().getTime() ?? Date.now();
    // lru-cache serves an entry until its age exceeds the TTL, and jose refuses a token from the
    // millisecond of its exp: one millisecond less keeps the two in step. A token accepted within
    // the clock tolerance past its exp has nothing left to cache.
    const ttl = Math.min(this.#maxCacheTtlMs, Math.floor(exp * 1000 - now) - 1);
    if (ttl < 1) return;
    this.#verified.set(token, { subject: principal.subject, scopes: [...principal.scopes] }, { ttl });
  }
}

function principalFrom(payload: JWTPayload): Principal {
  const { sub, scope } = payload;
  if (typeof sub !== 'string' || !isUuid(sub) || NIL_UUIDS.has(sub.toLowerCase())) {
    throw new UnauthenticatedError('invalid_subject', 'Token subject must be a user id (UUID).');
  }
  if (scope !== undefined && typeof scope !== 'string') {
    throw new UnauthenticatedError('invalid_scope', 'Token scope must be a space-separated string.');
  }
  // Lower case, as PostgreSQL prints a uuid, so ownership is a plain string comparison.
  return principalOf(sub.toLowerCase(), (scope ?? '').split(' ').filter((s) => s !== ''));
}

/** The JWKS resolver, with fetch failures told apart from a token that names an unknown key. */
function keysFrom(url: URL): JWTVerifyGetKey {
  const jwks = createRemoteJWKSet(url);
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys ||
        error instanceof errors.JOSENotSupported
      ) {
        throw error;
      }
      throw new TokenKeysUnavailableError({ cause: error });
    }
  };
}

function refusal(error: unknown): Error {
  if (error instanceof TokenKeysUnavailableError) return error;
  const cause = { cause: error };
  if (error instanceof errors.JWTExpired) {
    return new UnauthenticatedError('expired', 'Token has expired.', cause);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return claimRefusal(error, cause);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new UnauthenticatedError('bad_signature', 'Token signature is invalid.', cause);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new UnauthenticatedError('algorithm_not_allowed', 'Token algorithm is not accepted.', cause);
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new UnauthenticatedError('unknown_key', 'Token signing key is unknown.', cause);
  }
  return new UnauthenticatedError('malformed', 'Token is malformed.', cause);
}

function claimRefusal(error: InstanceType<typeof errors.JWTClaimValidationFailed>, cause: ErrorOptions): Error {
  if (error.reason === 'missing') {
    return new UnauthenticatedError('missing_claim', `Token lacks the "${error.claim}" claim.`, cause);
  }
  switch (error.claim) {
    case 'nbf':
      return new UnauthenticatedError('not_yet_valid', 'Token is not valid yet.', cause);
    case 'iss':
      return new UnauthenticatedError('wrong_issuer', 'Token issuer is not accepted.', cause);
    case 'aud':
      return new UnauthenticatedError('wrong_audience', 'Token audience is not accepted.', cause);
    default:
      return new UnauthenticatedError('invalid_claims', 'Token claims are invalid.', cause);
  }
}
