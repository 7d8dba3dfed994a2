import { z } from 'zod';
import { isIsoCurrencyCode } from '@carteria/kernel';
import { PRODUCT_ID_PATTERN } from '../domain/quote-request.ts';

/** A price in integer minor units: `z.int()` refuses fractions and anything beyond a safe integer. */
export const minorUnitsSchema = z.int().nonnegative();

/** `src/data/prices.json`: unit prices in minor units, by ISO 4217 currency, then by product id. */
export const priceListSchema = z.strictObject({
  source: z.string(),
  prices: z.record(
    z.string().refine(isIsoCurrencyCode, 'not an active ISO 4217 currency code'),
    z.record(z.string().regex(PRODUCT_ID_PATTERN), minorUnitsSchema),
  ),
});

export type PriceListFile = z.infer<typeof priceListSchema>;
