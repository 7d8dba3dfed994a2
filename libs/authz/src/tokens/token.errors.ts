import { DomainError } from '@carteria/kernel';

/** Why a bearer token was refused; stable, safe to log and to count in metrics. */
export type UnauthenticatedReason =
  | 'malformed'
  | 'bad_signature'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'missing_claim'
  | 'invalid_subject'
  | 'invalid_scope'
  | 'invalid_claims';

/**
 * The caller did not prove who it is. The message is short and safe to show a client; the jose
 * error, when there is one, is kept as `cause` for the server's logs only.
 */
export class UnauthenticatedError extends DomainError {
  readonly reason: UnauthenticatedReason;

  constructor(reason: UnauthenticatedReason, message: string, options?: ErrorOptions) {
    super('UNAUTHENTICATED', 'unauthenticated', message, options);
    this.reason = reason;
  }
}

/**
 * The keys to check a token with could not be fetched (JWKS endpoint down, slow, or answering
 * garbage). Not the caller's fault, so not a 401: a client told its token is bad would throw away
 * a good one.
 */
export class TokenKeysUnavailableError extends DomainError {
  constructor(options?: ErrorOptions) {
    super('AUTH_UNAVAILABLE', 'unavailable', 'Token signing keys are unavailable.', options);
  }
}
