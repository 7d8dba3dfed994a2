import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { e2eEnvironment } from './e2e-environment.ts';

export interface TokenOptions {
  readonly scopes?: readonly string[];
  /** Seconds from now; negative for an already expired token. Default one hour. */
  readonly expiresInSeconds?: number;
  /** Defaults to the secret the started apis trust. */
  readonly secret?: string;
}

/** An HS256 bearer token as the api expects: `sub` a UUID, `scope` space-separated, with `exp`. */
export async function signToken(userId: string, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const expires = now + (options.expiresInSeconds ?? 3600);
  const secret = options.secret ?? e2eEnvironment().jwtSecret;
  return new SignJWT({ scope: (options.scopes ?? []).join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt(Math.min(now, expires) - 60)
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(secret));
}
