import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Money } from '@carteria/kernel';
import type { CartSnapshot } from './cart-snapshot.ts';
import { cartTotals, lineTotal, type CartTotals } from './cart-totals.ts';

export interface CheckoutLine {
  readonly productId: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly lineTotal: Money;
}

/** The immutable order handed to the Orders service: exactly the cart the shopper saw. */
export interface Checkout {
  readonly cartId: string;
  readonly ownerId: string | null;
  readonly currency: string;
  /** The version the shopper saw and confirmed with If-Match. */
  readonly confirmedVersion: number;
  /** The version of the frozen cart (confirmedVersion + 1). */
  readonly version: number;
  readonly checkedOutAt: Date;
  readonly lines: readonly CheckoutLine[];
  readonly totals: CartTotals;
  /** SHA-256 (hex) of the RFC 8785 canonical JSON of everything above but the timestamp. */
  readonly contentHash: string;
}

/** The checkout of a frozen cart; the same cart always gives the same checkout, so a retry can answer it again. */
export function checkoutOf(cart: CartSnapshot): Checkout {
  if (cart.status !== 'checked_out') throw new Error(`Cart ${cart.id} is not checked out.`);
  const content = {
    cartId: cart.id,
    ownerId: cart.ownerId,
    currency: cart.currency,
    confirmedVersion: cart.version - 1,
    version: cart.version,
    lines: cart.lines.map((line) => ({
      productId: line.productId,
      name: line.name,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineTotal: lineTotal(line),
    })),
    totals: cartTotals(cart),
  };
  const contentHash = createHash('sha256').update(canonicalize(content) ?? '').digest('hex');
  return { ...content, checkedOutAt: cart.updatedAt, contentHash };
}
