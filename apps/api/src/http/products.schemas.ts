import { z } from 'zod';
import { isIsoCurrencyCode } from '@carteria/kernel';
import { MAX_PRODUCT_PAGE_SIZE as MAX_PAGE } from '@carteria/products';
import { moneySchema, productId } from './cart.schemas.ts';

export const productPath = z.object({ productId });

const currency = z
  .string()
  .refine(isIsoCurrencyCode, 'must be an ISO 4217 currency code')
  .meta({ description: 'ISO 4217 code of the prices; the default cart currency when absent.', example: 'EUR' });

export const productCurrencyQuery = z.strictObject({ currency: currency.optional() });

export const productListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(20).meta({ description: `Page size, 1 to ${MAX_PAGE}.` }),
  cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page (same sort and prefix).' }),
  sort: z
    .enum(['name', 'price'])
    .default('name')
    .meta({ description: 'By name (case-insensitive, numbers by value), or by unit price, cheapest first (unpriced last).' }),
  prefix: z.string().min(1).max(200).optional().meta({ description: 'Only products whose name starts with this, ignoring case.', example: 'espresso' }),
  currency: currency.optional(),
});

export const productSchema = z
  .object({
    id: productId,
    name: z.string().meta({ example: 'Espresso Cup, 90 ml' }),
    imageUrl: z.string().nullable().meta({ description: 'A URL or a path on this host; null when there is none.' }),
    active: z.boolean().meta({ description: 'False when the product exists but is not for sale.' }),
    stock: z.int().min(0).meta({ description: 'Units on hand.' }),
    unitPrice: moneySchema.nullable().meta({ description: 'From Billing, in the asked currency; null when it has no price.' }),
  })
  .meta({ id: 'Product' });

export const productPageSchema = z
  .object({ items: z.array(productSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ProductPage' });
