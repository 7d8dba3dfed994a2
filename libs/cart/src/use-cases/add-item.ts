import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { changeCart, type CartChangeCommand } from './change-cart.ts';

export interface AddItemCommand extends CartChangeCommand {
  readonly productId: string;
  readonly quantity: number;
}

/** Adds units of a product; a line that already holds the product grows. */
export class AddItem {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  execute(command: AddItemCommand): Promise<CartSnapshot> {
    return changeCart(this.#deps, command, (cart, now) => cart.addItem(command.productId, command.quantity, now));
  }
}
