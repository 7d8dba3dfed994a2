import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { changeCart, type CartChangeCommand } from './change-cart.ts';

export interface SetItemQuantityCommand extends CartChangeCommand {
  readonly productId: string;
  readonly quantity: number;
}

/** Sets a line's absolute quantity: 0 removes it, a missing line is created. */
export class SetItemQuantity {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  execute(command: SetItemQuantityCommand): Promise<CartSnapshot> {
    return changeCart(this.#deps, command, (cart, now) =>
      cart.setItemQuantity(command.productId, command.quantity, now),
    );
  }
}
