import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { changeCart, type CartChangeCommand } from './change-cart.ts';

/** Removes every line and keeps the cart. */
export class EmptyCart {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  execute(command: CartChangeCommand): Promise<CartSnapshot> {
    return changeCart(
      this.#deps,
      command,
      (cart, now) => cart.empty(now),
      (before) => ({ type: 'cart.emptied', details: { removedLines: before.lines.length } }),
    );
  }
}
