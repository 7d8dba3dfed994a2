import type { Principal } from '@carteria/kernel';
import type { CartAction } from './cart-action.ts';
import type { CartPolicy } from './cart-policy.ts';
import { CART_SCOPES } from './cart-scopes.ts';
import type { CartScope } from './cart-scopes.ts';

/** Per action: which scopes grant it on anyone's cart. Every action is also granted to the owner. */
const GRANTED_BY: Readonly<Record<CartAction, readonly CartScope[]>> = {
  'cart.create': [CART_SCOPES.admin],
  'cart.read': [CART_SCOPES.read, CART_SCOPES.admin],
  'cart.change': [CART_SCOPES.admin],
  'cart.delete': [CART_SCOPES.admin],
  'cart.checkout': [CART_SCOPES.checkout, CART_SCOPES.admin],
  'carts.list': [CART_SCOPES.read, CART_SCOPES.admin],
};

/**
 * Who may do what to a cart, decided locally from the token alone. `ownerId` is the cart's owner
 * (for `cart.create`, the user the cart is for; for `carts.list`, the user whose carts are listed);
 * null for a guest cart, which ownership never grants. Unknown actions are refused.
 */
export class ScopeCartPolicy implements CartPolicy {
  decide(principal: Principal, action: CartAction, ownerId: string | null): Promise<boolean> {
    return Promise.resolve(isAllowed(principal, action, ownerId));
  }
}

function isAllowed(principal: Principal, action: CartAction, ownerId: string | null): boolean {
  if (!Object.hasOwn(GRANTED_BY, action)) return false;
  const owns = ownerId !== null && principal.subject !== null && principal.subject !== '' && ownerId === principal.subject;
  return owns || GRANTED_BY[action].some((scope) => principal.scopes.has(scope));
}
