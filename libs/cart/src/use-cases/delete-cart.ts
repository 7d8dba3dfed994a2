import { Cart } from '../domain/cart.ts';
import { cartEvent } from '../domain/cart-event.ts';
import { CartNotFoundError } from '../domain/cart.errors.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { cartToChange, expectSameOwner, type CartChangeCommand } from './change-cart.ts';

/** Deletes the cart and its lines; afterwards every request naming it gets CART_NOT_FOUND. */
export class DeleteCart {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  async execute(command: CartChangeCommand): Promise<void> {
    const seen = await cartToChange(this.#deps, command, 'cart.delete');
    const removed = await this.#deps.carts.remove(command.cartId, async (current) => {
      expectSameOwner(current, seen);
      Cart.restore(current, this.#deps.settings).expectVersion(command.expectedVersion);
      return cartEvent('cart.deleted', { ...current, version: current.version + 1 }, this.#deps.clock.now());
    });
    if (!removed) throw new CartNotFoundError(command.cartId);
  }
}
