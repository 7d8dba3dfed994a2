import type { Principal } from '@carteria/kernel';
import type { CartAction } from './cart-action.ts';

/**
 * What both cart policies offer, local (`ScopeCartPolicy`) or remote (`RemoteCartPolicy`); the cart
 * lib's `CartAccessPolicy` port has the same shape. `ownerId` is null for a guest cart.
 */
export interface CartPolicy {
  decide(principal: Principal, action: CartAction, ownerId: string | null): Promise<boolean>;
}
