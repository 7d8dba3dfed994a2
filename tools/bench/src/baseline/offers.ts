import { readFileSync } from 'node:fs';

/** What a line snapshots from Products and Billing when it changes. */
export interface Offer {
  readonly name: string;
  readonly imageUrl: string | null;
  readonly unitPrice: number;
  readonly stock: number;
}

interface ProductRecord {
  readonly id: string;
  readonly name: string;
  readonly imageUrl?: string | null;
  readonly active: boolean;
  readonly stock: number;
}

const productsFile = new URL('../../../../libs/products/src/data/products.json', import.meta.url);
const pricesFile = new URL('../../../../libs/pricing/src/data/prices.json', import.meta.url);

/**
 * The embedded catalog and price list the api uses by default (same data files), read once into a
 * map per currency: an offer is one lookup, as in the api's embedded adapters.
 */
export function loadOffers(): ReadonlyMap<string, ReadonlyMap<string, Offer>> {
  const { products } = JSON.parse(readFileSync(productsFile, 'utf8')) as { products: ProductRecord[] };
  const { prices } = JSON.parse(readFileSync(pricesFile, 'utf8')) as { prices: Record<string, Record<string, number>> };
  const byCurrency = new Map<string, Map<string, Offer>>();
  for (const [currency, amounts] of Object.entries(prices)) {
    const offers = new Map<string, Offer>();
    for (const product of products) {
      const amount = amounts[product.id];
      if (!product.active || amount === undefined) continue;
      offers.set(product.id, { name: product.name, imageUrl: product.imageUrl ?? null, unitPrice: amount, stock: product.stock });
    }
    byCurrency.set(currency, offers);
  }
  return byCurrency;
}
