import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { cartToChange, changeCart, type CartChangeCommand } from './change-cart.ts';
import { lookUpOffer } from './product-offer.lookup.ts';
import { quantityOf } from '../domain/cart-totals.ts';

export interface AddItemCommand extends CartChangeCommand {
  readonly productId: string;
  readonly quantity: number;
}

/** Adds units of a product, priced and described now; a line that already holds the product grows. */
export class AddItem {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  async execute(command: AddItemCommand): Promise<CartSnapshot> {
    const seen = await cartToChange(this.#deps, command);
    const offer = await lookUpOffer(this.#deps, command.productId, seen.currency);
    return changeCart(
      this.#deps,
      command,
      (cart, now) => cart.addItem(command.productId, command.quantity, now, offer),
      (_before, after) => ({
        type: 'cart.item_added',
        details: {
          productId: command.productId,
          quantity: command.quantity,
          lineQuantity: quantityOf(after, command.productId),
          unitPrice: offer.unitPrice,
        },
      }),
      seen,
    );
  }
}
