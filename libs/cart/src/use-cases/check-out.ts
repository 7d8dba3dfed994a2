import { Cart } from '../domain/cart.ts';
import { cartEvent, type CartEvent } from '../domain/cart-event.ts';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import { cartTotals } from '../domain/cart-totals.ts';
import { CartNotFoundError, CartVersionMismatchError, IfMatchRequiredError } from '../domain/cart.errors.ts';
import { checkoutOf, type Checkout } from '../domain/checkout.ts';
import { reviewLines, type LineChange } from '../domain/checkout-review.ts';
import type { CartChange } from '../ports/cart.repository.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { ensureCartAccess } from './cart-guard.ts';
import { expectSameOwner, type CartChangeCommand } from './change-cart.ts';

/**
 * Either the cart is frozen and here is its checkout, or lines changed since the shopper saw them:
 * an expected outcome, returned (not thrown) so the fresh prices it saved are committed.
 */
export type CheckoutOutcome =
  | { readonly outcome: 'checked_out'; readonly checkout: Checkout }
  | { readonly outcome: 'changed'; readonly changes: readonly LineChange[]; readonly cart: CartSnapshot };

/**
 * Freezes the cart the shopper confirmed (If-Match) for the Orders service. Every line is checked
 * again with Products and Billing first; if anything moved, the cart takes the fresh details and
 * stays active, and the answer lists what changed. A retry of a finished checkout gets the same
 * checkout again.
 */
export class CheckOut {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  async execute(command: CartChangeCommand): Promise<CheckoutOutcome> {
    const confirmed = command.expectedVersion;
    if (confirmed === undefined) throw new IfMatchRequiredError();
    const current = await this.#deps.carts.findById(command.cartId);
    if (!current) throw new CartNotFoundError(command.cartId);
    await ensureCartAccess(this.#deps.policy, command.principal, 'cart.checkout', current);
    if (isCheckoutOf(current, confirmed)) return { outcome: 'checked_out', checkout: checkoutOf(current) };
    Cart.restore(current, this.#deps.settings).expectVersion(confirmed).expectActive();

    const ids = current.lines.map((line) => line.productId);
    const [products, prices] = await Promise.all([
      this.#deps.catalog.findProducts(ids),
      this.#deps.prices.quote(ids, current.currency),
    ]);
    const { changes, offers } = reviewLines(current, products, prices);

    const saved = await this.#deps.carts.update(command.cartId, async (locked) => {
      expectSameOwner(locked, current);
      if (isCheckoutOf(locked, confirmed)) return { cart: locked, event: null };
      const now = this.#deps.clock.now();
      const cart = Cart.restore(locked, this.#deps.settings).expectVersion(confirmed);
      if (changes.length === 0) return frozen(cart.checkOut(now).snapshot(), now);
      const refreshed = cart.refresh(offers, now).snapshot();
      return { cart: refreshed, event: refreshed === locked ? null : repriced(refreshed, now) };
    });
    if (!saved) throw new CartNotFoundError(command.cartId);
    if (changes.length > 0) return { outcome: 'changed', changes, cart: saved };
    return { outcome: 'checked_out', checkout: checkoutOf(saved) };
  }
}

/** A frozen cart answers a retry of the checkout that froze it (If-Match of the confirmed or frozen version). */
function isCheckoutOf(cart: CartSnapshot, confirmed: number): boolean {
  if (cart.status !== 'checked_out') return false;
  if (confirmed === cart.version - 1 || confirmed === cart.version) return true;
  throw new CartVersionMismatchError(confirmed, cart.version);
}

function frozen(cart: CartSnapshot, now: Date): CartChange {
  const { contentHash, totals } = checkoutOf(cart);
  return {
    cart,
    event: cartEvent('cart.checked_out', cart, now, {
      contentHash,
      subtotal: totals.subtotal,
      lines: totals.lines,
      quantity: totals.quantity,
    }),
  };
}

function repriced(cart: CartSnapshot, now: Date): CartEvent {
  return cartEvent('cart.repriced', cart, now, { subtotal: cartTotals(cart).subtotal });
}
