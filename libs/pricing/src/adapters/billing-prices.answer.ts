import { money } from '@carteria/kernel';
import type { Money } from '@carteria/kernel';
import { z } from 'zod';
import { minorUnitsSchema } from './price-list.schema.ts';

/** Billing's answer to `GET /prices`; unknown fields are ignored so Billing may add some. */
const billingPricesSchema = z.object({
  currency: z.string(),
  items: z.array(
    z.object({
      productId: z.string(),
      unitPrice: z.object({ amount: minorUnitsSchema, currency: z.string() }),
    }),
  ),
});

/**
 * Reads Billing's answer to "prices of `asked` in `currency`", or throws (the dependency client
 * turns that into DependencyUnavailableError). Refused: a float, negative or unsafe amount, any
 * currency other than the one asked, a product that was not asked for, a product priced twice.
 */
export function readBillingPrices(body: unknown, currency: string, asked: readonly string[]): Array<[string, Money]> {
  const answer = billingPricesSchema.parse(body);
  if (answer.currency !== currency) throw new Error(`Billing answered in ${answer.currency}, asked for ${currency}.`);
  const wanted = new Set(asked);
  const seen = new Set<string>();
  return answer.items.map(({ productId, unitPrice }): [string, Money] => {
    if (unitPrice.currency !== currency) {
      throw new Error(`Billing priced ${productId} in ${unitPrice.currency}, asked for ${currency}.`);
    }
    if (!wanted.has(productId)) throw new Error(`Billing priced ${productId}, which was not asked for.`);
    if (seen.has(productId)) throw new Error(`Billing priced ${productId} twice.`);
    seen.add(productId);
    return [productId, money(unitPrice.amount, currency)];
  });
}
