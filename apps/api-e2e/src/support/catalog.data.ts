import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Money } from './api.types.ts';
import { workspaceRoot } from '@carteria/testing';

/**
 * The embedded catalog and price list the api ships, read from the JSON files on disk (the libs
 * themselves are out of an e2e project's reach). Tests pick real ids from them and compute the
 * prices and flags they expect, so a regenerated data file does not break the suites.
 */
export interface CatalogProduct {
  readonly id: string;
  readonly name: string;
  readonly imageUrl: string | null;
  readonly active: boolean;
  readonly stock: number;
}

/** Minor units by currency, then product id: the `prices` of libs/pricing/src/data/prices.json. */
export type PriceTable = Readonly<Record<string, Readonly<Record<string, number>>>>;

export const productsFile = path.join(workspaceRoot, 'libs/products/src/data/products.json');
export const pricesFile = path.join(workspaceRoot, 'libs/pricing/src/data/prices.json');

/** Comfortably more than any quantity the suites put on a line that must read as in stock. */
const plentyOfStock = 5;

export const catalogProducts: readonly CatalogProduct[] = readProducts();
export const priceTable: PriceTable = readPrices();
const byId = new Map(catalogProducts.map((product) => [product.id, product]));

export function product(id: string): CatalogProduct {
  const found = byId.get(id);
  if (!found) throw new Error(`${id} is not in ${productsFile}`);
  return found;
}

/** The shipped unit price, or undefined when the product has none in that currency. */
export function priceOf(id: string, currency: string): number | undefined {
  return priceTable[currency]?.[id];
}

/** Products anyone can add: active, priced in `currency`, at least 5 in stock. In id order. */
export function sellableIds(count: number, currency = 'EUR'): string[] {
  const ids = catalogProducts
    .filter((p) => p.active && p.stock >= plentyOfStock && priceOf(p.id, currency) !== undefined)
    .map((p) => p.id);
  if (ids.length < count) throw new Error(`only ${ids.length} sellable products in ${currency}, ${count} needed`);
  return ids.slice(0, count);
}

/** The first product that matches, for the special cases (out of stock, inactive, unpriced). */
export function firstProduct(description: string, matches: (product: CatalogProduct) => boolean): CatalogProduct {
  const found = catalogProducts.find(matches);
  if (!found) throw new Error(`the shipped catalog has no product that is ${description}`);
  return found;
}

export function money(amount: number, currency: string): Money {
  return { amount, currency };
}

/** The priced fields API.md shows on a line, as the embedded data makes them (the price as added). */
export function pricedLine(id: string, quantity: number, currency = 'EUR') {
  const { name, imageUrl, stock } = product(id);
  const amount = priceOf(id, currency);
  if (amount === undefined) throw new Error(`${id} has no ${currency} price in ${pricesFile}`);
  return {
    productId: id,
    quantity,
    name,
    imageUrl,
    unitPrice: money(amount, currency),
    lineTotal: money(amount * quantity, currency),
    inStock: stock >= quantity,
    moreInStock: stock > quantity,
    priceChanged: false,
    addedUnitPrice: money(amount, currency),
  };
}

function readProducts(): CatalogProduct[] {
  const data = JSON.parse(readFileSync(productsFile, 'utf8')) as { products?: unknown };
  if (!Array.isArray(data.products)) throw new Error(`${productsFile} has no products array`);
  return data.products.map((entry: unknown) => {
    const { id, name, imageUrl, active, stock } = (entry ?? {}) as Record<string, unknown>;
    const valid =
      typeof id === 'string' &&
      typeof name === 'string' &&
      (typeof imageUrl === 'string' || imageUrl === null || imageUrl === undefined) &&
      typeof active === 'boolean' &&
      Number.isSafeInteger(stock);
    if (!valid) throw new Error(`${productsFile}: a product this suite cannot read: ${JSON.stringify(entry)}`);
    return { id, name, imageUrl: imageUrl ?? null, active, stock: stock as number };
  });
}

function readPrices(): PriceTable {
  const data = JSON.parse(readFileSync(pricesFile, 'utf8')) as { prices?: unknown };
  const prices = data.prices;
  if (typeof prices !== 'object' || prices === null) throw new Error(`${pricesFile} has no prices object`);
  for (const [currency, table] of Object.entries(prices)) {
    for (const [id, amount] of Object.entries((table ?? {}) as Record<string, unknown>)) {
      if (!Number.isSafeInteger(amount)) throw new Error(`${pricesFile}: ${currency} ${id} is not integer minor units`);
    }
  }
  return prices as PriceTable;
}
