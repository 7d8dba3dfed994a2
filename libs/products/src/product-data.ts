import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PRODUCT_CATEGORIES } from './product-category.ts';
import type { ProductCategory } from './product-category.ts';

/** A product of the embedded catalog: the port's fields plus its category. */
export interface CatalogProduct {
  readonly id: string;
  readonly name: string;
  readonly category: ProductCategory;
  readonly imageUrl: string | null;
  readonly active: boolean;
  readonly stock: number;
}

/** Product ids as API.md allows them. */
const productIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'a product id is 1 to 64 of [A-Za-z0-9._:-]');

const catalogProductSchema = z.strictObject({
  id: productIdSchema,
  name: z.string().trim().min(1).max(200),
  category: z.enum(PRODUCT_CATEGORIES),
  // A path on the shop's own host (no external image host) or an absolute http(s) URL.
  imageUrl: z.union([z.string().regex(/^\/[^/]/, 'an absolute path'), z.httpUrl()]).nullable(),
  active: z.boolean(),
  stock: z.int().nonnegative(),
});

const productsFileSchema = z
  .strictObject({ products: z.array(catalogProductSchema) })
  .superRefine(({ products }, ctx) => {
    const seen = new Set<string>();
    products.forEach((product, index) => {
      if (seen.has(product.id)) {
        ctx.addIssue({ code: 'custom', path: ['products', index, 'id'], message: `duplicate id ${product.id}` });
      }
      seen.add(product.id);
    });
  });

export const shippedProductsFile = new URL('./data/products.json', import.meta.url);

/** Validates the content of a products file (`{"products": [...]}`); throws a readable error. */
export function parseProductData(data: unknown): CatalogProduct[] {
  const result = productsFileSchema.safeParse(data);
  if (!result.success) {
    throw new TypeError(`products: invalid catalog data:\n${z.prettifyError(result.error)}`, { cause: result.error });
  }
  return result.data.products;
}

/** Reads and validates a products JSON file; the shipped one by default. */
export function loadProductData(file: URL | string = shippedProductsFile): CatalogProduct[] {
  const text = readFileSync(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`products: ${String(file)} is not valid JSON.`, { cause: error });
  }
  return parseProductData(data);
}
