import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { cartToChange, changeCart, type CartChangeCommand } from './change-cart.ts';
import { lookUpOffer } from './product-offer.lookup.ts';

export interface SetItemQuantityCommand extends CartChangeCommand {
  readonly productId: string;
  readonly quantity: number;
}

/** Sets a line's absolute quantity: 0 removes it (asking no other service), a missing line is created. */
export class SetItemQuantity {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  async execute(command: SetItemQuantityCommand): Promise<CartSnapshot> {
    const { productId, quantity } = command;
    if (quantity === 0) {
      return changeCart(this.#deps, command, (cart, now) => cart.setItemQuantity(productId, 0, now));
    }
    const { currency } = await cartToChange(this.#deps, command);
    const offer = await lookUpOffer(this.#deps, productId, currency);
    return changeCart(this.#deps, command, (cart, now) => cart.setItemQuantity(productId, quantity, now, offer));
  }
}
