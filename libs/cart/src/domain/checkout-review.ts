import { sameMoney, type Money } from '@carteria/kernel';
import type { CartSnapshot } from './cart-snapshot.ts';
import type { ProductOffer } from './product-offer.ts';

export type LineProblem = 'price_changed' | 'product_not_found' | 'product_unavailable' | 'price_unavailable';

/** One line that is no longer what the shopper saw. */
export interface LineChange {
  readonly productId: string;
  readonly problem: LineProblem;
  readonly previousUnitPrice: Money;
  readonly unitPrice: Money | null;
}

export interface ProductFacts {
  readonly active: boolean;
  readonly name: string;
  readonly imageUrl: string | null;
  readonly stock: number;
}

/**
 * Compares each line with what Products and Billing say now. Returns the changes the shopper must
 * confirm and fresh offers for every line that can still be sold.
 */
export function reviewLines(
  cart: CartSnapshot,
  products: ReadonlyMap<string, ProductFacts>,
  prices: ReadonlyMap<string, Money>,
): { readonly changes: LineChange[]; readonly offers: Map<string, ProductOffer> } {
  const changes: LineChange[] = [];
  const offers = new Map<string, ProductOffer>();
  for (const line of cart.lines) {
    const product = products.get(line.productId);
    const unitPrice = prices.get(line.productId) ?? null;
    const change = (problem: LineProblem) =>
      changes.push({ productId: line.productId, problem, previousUnitPrice: line.unitPrice, unitPrice });
    if (!product) change('product_not_found');
    else if (!product.active) change('product_unavailable');
    else if (!unitPrice) change('price_unavailable');
    else {
      if (!sameMoney(unitPrice, line.unitPrice)) change('price_changed');
      offers.set(line.productId, { name: product.name, imageUrl: product.imageUrl, unitPrice, stock: product.stock });
    }
  }
  return { changes, offers };
}
