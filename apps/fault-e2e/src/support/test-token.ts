import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

/** A fresh HS256 secret for an api of a test's own (AUTH_JWT_SECRET). */
export function newJwtSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A bearer token as the api expects: `sub` a UUID, `scope` space-separated, one hour. */
export async function signToken(secret: string, userId: string = randomUUID(), scopes: readonly string[] = []): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(secret));
}
