import { readFileSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from '@carteria/testing';

interface ProductEntry {
  readonly id?: unknown;
  readonly active?: unknown;
  readonly stock?: unknown;
}

/**
 * `count` product ids the embedded catalog sells in `currency` (active, priced, in stock), read
 * from the data files the api ships, so a regenerated catalog does not break the scenarios.
 */
export function sellableProductIds(count: number, currency = 'EUR'): string[] {
  const products = JSON.parse(readFileSync(path.join(workspaceRoot, 'libs/products/src/data/products.json'), 'utf8')) as {
    products: ProductEntry[];
  };
  const prices = JSON.parse(readFileSync(path.join(workspaceRoot, 'libs/pricing/src/data/prices.json'), 'utf8')) as {
    prices: Record<string, Record<string, number> | undefined>;
  };
  const priced = prices.prices[currency] ?? {};
  const ids = products.products
    .filter((p) => typeof p.id === 'string' && p.active === true && Number(p.stock) >= 5 && priced[p.id] !== undefined)
    .map((p) => String(p.id));
  if (ids.length < count) throw new Error(`only ${ids.length} sellable products in ${currency}, ${count} needed`);
  return ids.slice(0, count);
}
