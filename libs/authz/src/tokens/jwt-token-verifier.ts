import { isUuid, principalOf } from '@carteria/kernel';
import type { Principal } from '@carteria/kernel';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWSAlgorithm, JWTPayload, JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { TokenKeysUnavailableError, UnauthenticatedError } from './token.errors.ts';
import { parseTokenVerifierOptions } from './token-verifier.options.ts';
import type { TokenVerifierOptions } from './token-verifier.options.ts';

/** Pinned per key source, so `alg: none` and HS/RS key confusion are refused before any key is used. */
const SECRET_ALGORITHMS: JWSAlgorithm[] = ['HS256'];
const JWKS_ALGORITHMS: JWSAlgorithm[] = ['RS256', 'ES256'];

/** Far above any real access token; refuses a huge header before any parsing or crypto. */
const MAX_TOKEN_LENGTH = 8192;

const NIL_UUIDS = new Set(['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);

/**
 * Turns a bearer JWT into a Principal, or throws UnauthenticatedError (or TokenKeysUnavailableError
 * when a JWKS cannot be fetched). Stateless apart from jose's JWKS cache; one instance per process.
 */
export class TokenVerifier {
  readonly #key: Uint8Array | JWTVerifyGetKey;
  readonly #options: JWTVerifyOptions;

  constructor(options: TokenVerifierOptions) {
    const config = parseTokenVerifierOptions(options);
    this.#key = config.keySource === 'secret' ? config.secret : keysFrom(config.jwksUrl);
    this.#options = {
      algorithms: config.keySource === 'secret' ? SECRET_ALGORITHMS : JWKS_ALGORITHMS,
      clockTolerance: config.clockToleranceSec,
      requiredClaims: ['exp', 'sub'],
      ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
      ...(config.audience === undefined ? {} : { audience: config.audience }),
    };
  }

  async verify(token: string): Promise<Principal> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new UnauthenticatedError('malformed', 'Token is malformed.');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#key, this.#options));
    } catch (error) {
      throw refusal(error);
    }
    return principalFrom(payload);
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
