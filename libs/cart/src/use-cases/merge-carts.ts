import { ValidationError } from '@carteria/kernel';
import { Cart } from '../domain/cart.ts';
import { cartEvent } from '../domain/cart-event.ts';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import { CartNotFoundError } from '../domain/cart.errors.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { holdsCartToken } from './cart-guard.ts';
import { cartToChange, expectSameOwner, type CartChangeCommand } from './change-cart.ts';

export interface MergeCartsCommand extends CartChangeCommand {
  /** The cart whose lines move into `cartId` and which is then deleted: a guest cart whose token the caller holds, or one of their own. */
  readonly sourceCartId: string;
}

/**
 * Moves a guest cart's (or another of the customer's own carts') lines into one of the customer's carts (quantities add up, capped at the
 * limits) and deletes the guest cart, atomically: both carts are locked together, so two merges
 * racing never add the same lines twice; the second finds the source gone (CART_NOT_FOUND).
 */
export class MergeCarts {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  async execute(command: MergeCartsCommand): Promise<CartSnapshot> {
    if (command.sourceCartId === command.cartId) {
      throw new ValidationError('A cart cannot be merged into itself.', [
        { pointer: '/body/sourceCartId', detail: 'another cart than the one in the path' },
      ]);
    }
    const target = await cartToChange(this.#deps, command);
    const source = await this.#deps.carts.findById(command.sourceCartId);
    if (!source || !this.#mayTake(command, source)) throw new CartNotFoundError(command.sourceCartId);
    Cart.restore(source, this.#deps.settings).expectActive();

    const merged = await this.#deps.carts.merge(command.cartId, command.sourceCartId, async (lockedTarget, lockedSource) => {
      expectSameOwner(lockedTarget, target);
      expectSameOwner(lockedSource, source);
      Cart.restore(lockedSource, this.#deps.settings).expectActive();
      const now = this.#deps.clock.now();
      const cart = Cart.restore(lockedTarget, this.#deps.settings).expectVersion(command.expectedVersion);
      const { unitsLeftOut } = cart.mergeFrom(lockedSource, now);
      const next = cart.snapshot();
      const merged = cartEvent('cart.merged', next, now, { sourceCartId: lockedSource.id, lines: next.lines.length, unitsLeftOut });
      return {
        target: { cart: next, event: cart.changed ? merged : null },
        sourceEvent: cartEvent('cart.deleted', { ...lockedSource, version: lockedSource.version + 1 }, now, {
          mergedInto: lockedTarget.id,
        }),
      };
    });
    if (!merged) throw new CartNotFoundError(command.sourceCartId);
    return merged;
  }

  #mayTake(command: CartChangeCommand, source: CartSnapshot): boolean {
    return holdsCartToken(command.principal, source) || (source.ownerId !== null && source.ownerId === command.principal.subject);
  }
}
