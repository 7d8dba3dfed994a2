import type { Principal } from '@carteria/kernel';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import { CartNotFoundError } from '../domain/cart.errors.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { ensureCartAccess } from './cart-guard.ts';

export interface GetCartQuery {
  readonly principal: Principal;
  readonly cartId: string;
}

/** Reads a cart: one query, no call to another service. */
export class GetCart {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  async execute(query: GetCartQuery): Promise<CartSnapshot> {
    const cart = await this.#deps.carts.findById(query.cartId);
    if (!cart) throw new CartNotFoundError(query.cartId);
    await ensureCartAccess(this.#deps.policy, query.principal, 'cart.read', cart);
    return cart;
  }
}
