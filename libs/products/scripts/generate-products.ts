/**
 * Writes libs/products/src/data/products.json, the embedded catalog. Deterministic: the same code
 * always writes the same bytes (a seeded generator picks which products are out of stock, inactive
 * or short), and a test checks that the committed file is exactly what this script writes.
 *
 *   npx node libs/products/scripts/generate-products.ts
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from '@carteria/kernel';
import { CATEGORY_FAMILIES, namesOf, PRODUCTS_PER_CATEGORY } from './product-names.ts';
import type { GeneratedCategory } from './product-names.ts';

export interface GeneratedProduct {
  readonly id: string;
  readonly name: string;
  readonly category: GeneratedCategory;
  readonly imageUrl: string;
  readonly active: boolean;
  readonly stock: number;
}

export const SEED = 20261121;
export const OUT_OF_STOCK_COUNT = 30;
export const INACTIVE_COUNT = 15;
export const LOW_STOCK_COUNT = 8;
/** Products every demo and test may rely on being active and well stocked. */
export const RESERVED_PER_CATEGORY = 10;
export const ALWAYS_AVAILABLE_EXTRA = ['sku-300'];

export const productsFileUrl = new URL('../src/data/products.json', import.meta.url);

export function skuOf(n: number): string {
  return `sku-${String(n).padStart(3, '0')}`;
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function generateProducts(): GeneratedProduct[] {
  const random = seededRandom(SEED);
  const categories = Object.keys(CATEGORY_FAMILIES) as GeneratedCategory[];
  const base = categories.flatMap((category, c) =>
    namesOf(category).map((name, i) => {
      const id = skuOf(c * PRODUCTS_PER_CATEGORY + i + 1);
      return { id, name, category, imageUrl: `/images/products/${id}.svg`, active: true, stock: 0 };
    }),
  );
  const reserved = new Set([
    ...categories.flatMap((_, c) =>
      Array.from({ length: RESERVED_PER_CATEGORY }, (_unused, i) => skuOf(c * PRODUCTS_PER_CATEGORY + i + 1)),
    ),
    ...ALWAYS_AVAILABLE_EXTRA,
  ]);
  for (const product of base) {
    product.stock = 5 + Math.floor(random() * 196);
  }
  const picks = shuffled(
    base.filter((p) => !reserved.has(p.id)),
    random,
  );
  const outOfStock = picks.slice(0, OUT_OF_STOCK_COUNT);
  const inactive = picks.slice(OUT_OF_STOCK_COUNT, OUT_OF_STOCK_COUNT + INACTIVE_COUNT);
  const lowStock = picks.slice(OUT_OF_STOCK_COUNT + INACTIVE_COUNT, OUT_OF_STOCK_COUNT + INACTIVE_COUNT + LOW_STOCK_COUNT);
  for (const p of outOfStock) p.stock = 0;
  for (const p of inactive) p.active = false;
  lowStock.forEach((p, i) => {
    p.stock = (i % 3) + 1;
  });
  return base;
}

/** One product per line, so a change to the data reads as a small diff. */
export function renderProductsFile(products: readonly GeneratedProduct[]): string {
  const lines = products.map((p) =>
    JSON.stringify({ id: p.id, name: p.name, category: p.category, imageUrl: p.imageUrl, active: p.active, stock: p.stock }),
  );
  return `{\n  "products": [\n    ${lines.join(',\n    ')}\n  ]\n}\n`;
}

if (import.meta.main) {
  const products = generateProducts();
  writeFileSync(productsFileUrl, renderProductsFile(products));
  const ids = (keep: (p: GeneratedProduct) => boolean) =>
    products
      .filter(keep)
      .map((p) => p.id)
      .join(' ');
  console.log(`wrote ${products.length} products to ${productsFileUrl.pathname}`);
  console.log(`out of stock: ${ids((p) => p.stock === 0)}`);
  console.log(`inactive:     ${ids((p) => !p.active)}`);
  console.log(`stock 1-3:    ${ids((p) => p.stock >= 1 && p.stock <= 3)}`);
}
