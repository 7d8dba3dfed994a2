import { money, type Money } from '@carteria/kernel';
import type { PriceQuoter } from '../ports/price-quoter.ts';
import type { Product, ProductCatalog } from '../ports/product-catalog.ts';

interface Listing {
  readonly product: Product;
  readonly prices: ReadonlyMap<string, Money>;
}

/**
 * Products and their prices in memory, for tests of the use cases. Any id is a product for sale at
 * 10.00 in every currency with 50 in stock, unless a test says otherwise with `put` or `drop`.
 */
export class InMemoryProducts implements ProductCatalog, PriceQuoter {
  readonly #listings = new Map<string, Listing>();
  readonly #dropped = new Set<string>();

  put(id: string, overrides: Partial<Omit<Product, 'id'>> & { readonly prices?: readonly Money[] } = {}): this {
    const { prices, ...product } = overrides;
    this.#dropped.delete(id);
    this.#listings.set(id, {
      product: { ...defaultProduct(id), ...product },
      prices: new Map((prices ?? []).map((price) => [price.currency, price])),
    });
    return this;
  }

  drop(id: string): this {
    this.#dropped.add(id);
    return this;
  }

  async findProducts(ids: readonly string[]): Promise<ReadonlyMap<string, Product>> {
    return new Map(ids.filter((id) => !this.#dropped.has(id)).map((id) => [id, this.#listing(id).product]));
  }

  async quote(productIds: readonly string[], currency: string): Promise<ReadonlyMap<string, Money>> {
    const quotes = new Map<string, Money>();
    for (const id of productIds) {
      if (this.#dropped.has(id)) continue;
      const listing = this.#listings.get(id);
      const price = listing ? listing.prices.get(currency) : money(1000, currency);
      if (price) quotes.set(id, price);
    }
    return quotes;
  }

  #listing(id: string): Listing {
    return this.#listings.get(id) ?? { product: defaultProduct(id), prices: new Map() };
  }
}

function defaultProduct(id: string): Product {
  return { id, name: `Product ${id}`, imageUrl: null, active: true, stock: 50 };
}
