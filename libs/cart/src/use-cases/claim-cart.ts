import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import { CartNotFoundError } from '../domain/cart.errors.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { holdsCartToken } from './cart-guard.ts';
import { changeCart, type CartChangeCommand } from './change-cart.ts';

/**
 * A signed-in customer who holds a guest cart's token makes it theirs: the token stops working and
 * the cart is listed with their carts. Claiming it again is a no-op, so retries are safe.
 */
export class ClaimCart {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  async execute(command: CartChangeCommand): Promise<CartSnapshot> {
    const ownerId = command.principal.subject;
    const seen = await this.#deps.carts.findById(command.cartId);
    if (!seen || ownerId === null) throw new CartNotFoundError(command.cartId);
    if (seen.ownerId !== ownerId && !holdsCartToken(command.principal, seen)) throw new CartNotFoundError(command.cartId);
    return changeCart(
      this.#deps,
      command,
      (cart, now) => cart.expectActive().claim(ownerId, now),
      () => ({ type: 'cart.claimed', details: {} }),
      seen,
    );
  }
}
