import { CurrencyMismatchError } from '@carteria/kernel';
import type { Money } from '@carteria/kernel';
import type { PriceQuoter } from '../ports/price-quoter.ts';

/**
 * Whether a unit price moved between two quotes of the same product. Both must be in one
 * currency: a cart never changes currency, so a mismatch is a bug and throws CurrencyMismatchError.
 */
export function priceChanged(previous: Money, current: Money): boolean {
  if (previous.currency !== current.currency) throw new CurrencyMismatchError(previous.currency, current.currency);
  return previous.amount !== current.amount;
}

/** The unit price of one product, or undefined when it has none in that currency. */
export async function quoteOne(quoter: PriceQuoter, productId: string, currency: string): Promise<Money | undefined> {
  return (await quoter.quote([productId], currency)).get(productId);
}
