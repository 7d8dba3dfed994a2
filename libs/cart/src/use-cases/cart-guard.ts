import { AccessDeniedError, type Principal } from '@carteria/kernel';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import { CartNotFoundError } from '../domain/cart.errors.ts';
import type { CartAccessPolicy, CartAction } from '../ports/cart-access-policy.ts';

/**
 * Applies the access policy to one cart without leaking its existence: a caller who may not even
 * read the cart is told it does not exist; one who may read it but not do this is refused. A guest
 * cart opens to its cart token (read, change, delete, check out) before any policy is asked.
 */
export async function ensureCartAccess(
  policy: CartAccessPolicy,
  principal: Principal,
  action: CartAction,
  cart: CartSnapshot,
): Promise<void> {
  if (holdsCartToken(principal, cart)) return;
  if (await policy.decide(principal, action, cart.ownerId)) return;
  if (action !== 'cart.read' && (await policy.decide(principal, 'cart.read', cart.ownerId))) {
    throw new AccessDeniedError(`You may not do ${action} on cart ${cart.id}.`);
  }
  throw new CartNotFoundError(cart.id);
}

/** The caller sent the secret token of this guest cart. */
export function holdsCartToken(principal: Principal, cart: CartSnapshot): boolean {
  return cart.guestKey !== null && principal.cartKey === cart.guestKey;
}
