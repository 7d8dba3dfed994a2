import type { Principal } from '@carteria/kernel';

export type CartAction = 'cart.create' | 'cart.read' | 'cart.change' | 'cart.delete' | 'cart.checkout' | 'carts.list';

/** Decides whether a caller may act on the carts of an owner (null for a guest cart). */
export interface CartAccessPolicy {
  decide(principal: Principal, action: CartAction, ownerId: string | null): Promise<boolean>;
}
