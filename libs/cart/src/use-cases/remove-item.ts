import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { changeCart, type CartChangeCommand } from './change-cart.ts';
import { quantityOf } from '../domain/cart-totals.ts';

export interface RemoveItemCommand extends CartChangeCommand {
  readonly productId: string;
}

/** Removes one line; a line that is not there is an error (LINE_NOT_FOUND). */
export class RemoveItem {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  execute(command: RemoveItemCommand): Promise<CartSnapshot> {
    return changeCart(
      this.#deps,
      command,
      (cart, now) => cart.removeItem(command.productId, now),
      (before) => ({
        type: 'cart.item_removed',
        details: { productId: command.productId, previousQuantity: quantityOf(before, command.productId) },
      }),
    );
  }
}
