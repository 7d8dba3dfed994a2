import { AccessDeniedError, type Principal } from '@carteria/kernel';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import { CartNotFoundError } from '../domain/cart.errors.ts';
import type { CartAccessPolicy, CartAction } from '../ports/cart-access-policy.ts';

/**
 * Applies the access policy to one cart without leaking its existence: a caller who may not even
 * read the cart is told it does not exist; one who may read it but not do this is refused.
 */
export async function ensureCartAccess(
  policy: CartAccessPolicy,
  principal: Principal,
  action: CartAction,
  cart: CartSnapshot,
): Promise<void> {
  if (await policy.decide(principal, action, cart.ownerId)) return;
  if (action !== 'cart.read' && (await policy.decide(principal, 'cart.read', cart.ownerId))) {
    throw new AccessDeniedError(`You may not do ${action} on cart ${cart.id}.`);
  }
  throw new CartNotFoundError(cart.id);
}
