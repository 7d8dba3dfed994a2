import type { Request } from 'express';
import { UnauthenticatedError } from '@carteria/authz';
import { cartKeyOf } from '@carteria/cart';
import { guestPrincipal, type Principal } from '@carteria/kernel';

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/**
 * Who may call a route: `user` needs a bearer token; `cart` a bearer token or a guest's Cart-Token;
 * `anyone` also takes a caller with neither (creating a guest cart).
 */
export type RouteAccess = 'user' | 'cart' | 'anyone';

const cartTokenShape = /^[A-Za-z0-9_-]{43}$/;

/**
 * The caller behind `Authorization: Bearer <JWT>` and/or `Cart-Token`; a missing or bad credential
 * is UNAUTHENTICATED. A signed-in caller may also send a Cart-Token (to claim or merge that cart).
 */
export async function authenticate(verifier: TokenVerifier, req: Request, access: RouteAccess): Promise<Principal> {
  const cartKey = cartKeyFrom(req);
  const header = req.get('authorization');
  if (header) {
    const user = await verifier.verify(bearerToken(header));
    return cartKey ? { ...user, cartKey } : user;
  }
  if (access === 'user') throw new UnauthenticatedError('malformed', 'This request needs a bearer token.');
  if (cartKey) return guestPrincipal(cartKey);
  if (access === 'anyone') return guestPrincipal();
  throw new UnauthenticatedError('malformed', 'This request needs a bearer token or a Cart-Token.');
}

function bearerToken(header: string): string {
  const [scheme, token, ...rest] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
    throw new UnauthenticatedError('malformed', 'The Authorization header must be "Bearer <token>".');
  }
  return token;
}

function cartKeyFrom(req: Request): string | undefined {
  const token = req.get('cart-token');
  if (token === undefined) return undefined;
  if (!cartTokenShape.test(token)) throw new UnauthenticatedError('malformed', 'The Cart-Token is not one this service made.');
  return cartKeyOf(token);
}
