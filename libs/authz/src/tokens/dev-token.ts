import { isUuid } from '@carteria/kernel';
import { SignJWT } from 'jose';
import { secretKey } from './token-verifier.options.ts';

/**
 * The HS256 secret the app falls back to when neither AUTH_JWT_SECRET nor AUTH_JWKS_URL is set, so
 * a fresh checkout runs without setup. It is public, so any token it signs proves nothing: the app
 * must refuse to start with it when NODE_ENV=production.
 */
export const DEV_JWT_SECRET = 'carteria-dev-secret-not-for-production-0000';

export interface DevTokenOptions {
  readonly secret: string;
  /** The user id (UUID) the token speaks for. */
  readonly subject: string;
  readonly scopes?: readonly string[];
  /** Seconds from now, or a jose duration such as '15m', '2h', '-1h' (already expired). Default '1h'. */
  readonly expiresIn?: number | string;
  readonly issuer?: string;
  readonly audience?: string;
}

/** Signs an HS256 access token, for the `npm run token` CLI and for tests. */
export async function signDevToken(options: DevTokenOptions): Promise<string> {
  const { secret, subject, scopes = [], expiresIn = '1h', issuer, audience } = options;
  if (!isUuid(subject)) {
    throw new TypeError('authz: a token subject must be a user id (UUID).');
  }
  if (scopes.some((scope) => scope === '' || /\s/.test(scope))) {
    throw new TypeError('authz: a scope must be a non-empty string without spaces.');
  }
  const key = secretKey(secret);
  const jwt = new SignJWT(scopes.length > 0 ? { scope: scopes.join(' ') } : {})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(typeof expiresIn === 'number' ? Math.floor(Date.now() / 1000) + expiresIn : expiresIn);
  if (issuer !== undefined) jwt.setIssuer(issuer);
  if (audience !== undefined) jwt.setAudience(audience);
  return jwt.sign(key);
}
