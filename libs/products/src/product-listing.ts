import { ValidationError } from '@carteria/kernel';
import type { CatalogProduct } from './product-data.ts';

export type ProductSort = 'name' | 'id' | 'price';

/**
 * Unit prices in minor units of one currency, by product id (e.g. a Billing quote). Products absent
 * from the answer have no price. Prices are not the catalog's to know, so the caller brings them.
 */
export type PriceLookup = (productIds: readonly string[]) => Promise<ReadonlyMap<string, number>>;

export interface ProductListRequest {
  /** 1 to MAX_PRODUCT_PAGE_SIZE. */
  readonly limit: number;
  /** The `nextCursor` of the previous page, with the same sort and prefix. */
  readonly cursor?: string;
  readonly sort: ProductSort;
  /** Keeps the products whose name (their id, when sorting by id) starts with it, ignoring case. */
  readonly prefix?: string;
  /** Needed to sort by price: asked once per page, for the products that match the prefix. */
  readonly prices?: PriceLookup;
}

export interface ProductPage {
  readonly items: readonly CatalogProduct[];
  /** Opaque; null on the last page. */
  readonly nextCursor: string | null;
}

export const MAX_PRODUCT_PAGE_SIZE = 100;

const nameOrder = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Pages through a fixed set of products in name, id or price order. The cursor is the last id
 * served. Price order is cheapest first, products without a price last, ties in name order.
 */
export class ProductListing {
  readonly #byId: readonly CatalogProduct[];
  readonly #byName: readonly CatalogProduct[];

  constructor(products: readonly CatalogProduct[]) {
    this.#byId = [...products].sort((a, b) => compareIds(a.id, b.id));
    this.#byName = [...this.#byId].sort((a, b) => nameOrder.compare(a.name, b.name) || compareIds(a.id, b.id));
  }

  async page(request: ProductListRequest): Promise<ProductPage> {
    const { limit, cursor, sort, prefix } = request;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PRODUCT_PAGE_SIZE) {
      throw invalid('/limit', `must be an integer from 1 to ${MAX_PRODUCT_PAGE_SIZE}`);
    }
    const wanted = prefix?.toLowerCase() ?? '';
    const key = sort === 'id' ? 'id' : 'name';
    const matches = (product: CatalogProduct) => product[key].toLowerCase().startsWith(wanted);
    const ordered = sort === 'price' ? await this.#byPrice(this.#byName.filter(matches), request) : this.#orderOf(sort);
    let start = 0;
    if (cursor !== undefined) {
      const at = ordered.findIndex((product) => product.id === cursor);
      if (at < 0) throw invalid('/cursor', 'unknown cursor');
      start = at + 1;
    }
    const items: CatalogProduct[] = [];
    let next = start;
    for (; next < ordered.length && items.length < limit; next++) {
      const product = ordered[next] as CatalogProduct;
      if (matches(product)) items.push(product);
    }
    const more = ordered.slice(next).some(matches);
    return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
  }

  #orderOf(sort: 'id' | 'name'): readonly CatalogProduct[] {
    return sort === 'id' ? this.#byId : this.#byName;
  }

  async #byPrice(products: readonly CatalogProduct[], request: ProductListRequest): Promise<readonly CatalogProduct[]> {
    if (request.prices === undefined) throw invalid('/sort', 'sorting by price needs prices');
    const prices = await request.prices(products.map((product) => product.id));
    const priceOf = (product: CatalogProduct) => prices.get(product.id) ?? Number.POSITIVE_INFINITY;
    // Array.prototype.sort is stable, so equal prices keep name order.
    return [...products].sort((a, b) => {
      const pa = priceOf(a);
      const pb = priceOf(b);
      return pa === pb ? 0 : pa < pb ? -1 : 1;
    });
  }
}

function invalid(pointer: string, detail: string): ValidationError {
  return new ValidationError('Invalid product listing.', [{ pointer, detail }]);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
