import type { Request } from 'express';
import { UnauthenticatedError } from '@carteria/authz';
import type { Principal } from '@carteria/kernel';

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** The caller behind `Authorization: Bearer <JWT>`; a missing or bad token is UNAUTHENTICATED. */
export async function authenticate(verifier: TokenVerifier, req: Request): Promise<Principal> {
  const header = req.get('authorization');
  if (!header) throw new UnauthenticatedError('malformed', 'This request needs a bearer token.');
  const [scheme, token, ...rest] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
    throw new UnauthenticatedError('malformed', 'The Authorization header must be "Bearer <token>".');
  }
  return verifier.verify(token);
}
