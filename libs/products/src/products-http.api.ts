import { z } from 'zod';
import type { Product } from './product.catalog.ts';

/** The Products service API this lib calls (README: "The HTTP API the adapter expects"). */
export const PRODUCTS_PATH = '/products';
/** The most ids one request may carry; longer lists are split. */
export const MAX_IDS_PER_REQUEST = 100;

const productSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  // Absent and null both mean "no image".
  imageUrl: z.string().min(1).nullable().optional(),
  active: z.boolean(),
  stock: z.int().nonnegative(),
});

const productsResponseSchema = z.object({ items: z.array(productSchema) });

/** Validates a `GET /products` answer; throws (and the client reports the dependency unavailable) on any defect. */
export function parseProductsResponse(body: unknown): Product[] {
  return productsResponseSchema
    .parse(body)
    .items.map(({ id, name, imageUrl, active, stock }) => ({ id, name, imageUrl: imageUrl ?? null, active, stock }));
}
