import type { Money } from '@carteria/kernel';

/**
 * Unit prices of many products in one currency, in one call. A product with no price in that
 * currency is absent from the answer; it is not an error. A failure to get an answer at all throws
 * (`DependencyUnavailableError` for a remote price source).
 */
export interface PriceQuoter {
  quote(productIds: readonly string[], currency: string): Promise<ReadonlyMap<string, Money>>;
}
