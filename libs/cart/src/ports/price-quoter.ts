import type { Money } from '@carteria/kernel';

/** Unit prices from Billing, many products in one call; a product with no price in that currency is absent. */
export interface PriceQuoter {
  quote(productIds: readonly string[], currency: string): Promise<ReadonlyMap<string, Money>>;
}
