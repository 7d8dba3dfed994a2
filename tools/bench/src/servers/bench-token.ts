import { SignJWT } from 'jose';

/** A 43-character HS256 secret for the run: production config refuses the public dev secret. */
export const benchSecret = 'carteria-bench-secret-not-for-production-01';

/** An access token for `subject`, valid long enough for a whole run. */
export function benchToken(subject: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(benchSecret));
}
