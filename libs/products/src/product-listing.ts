import { ValidationError } from '@carteria/kernel';
import type { CatalogProduct } from './product-data.ts';

export type ProductSort = 'name' | 'id';

export interface ProductListRequest {
  /** 1 to MAX_PRODUCT_PAGE_SIZE. */
  readonly limit: number;
  /** The `nextCursor` of the previous page, with the same sort and prefix. */
  readonly cursor?: string;
  readonly sort: ProductSort;
  /** Keeps the products whose sort key (name or id) starts with it, ignoring case. */
  readonly prefix?: string;
}

export interface ProductPage {
  readonly items: readonly CatalogProduct[];
  /** Opaque; null on the last page. */
  readonly nextCursor: string | null;
}

export const MAX_PRODUCT_PAGE_SIZE = 100;

const nameOrder = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Pages through a fixed set of products in name or id order. The cursor is the last id served. */
export class ProductListing {
  readonly #orders: Readonly<Record<ProductSort, readonly CatalogProduct[]>>;

  constructor(products: readonly CatalogProduct[]) {
    const byId = [...products].sort((a, b) => compareIds(a.id, b.id));
    const byName = [...byId].sort((a, b) => nameOrder.compare(a.name, b.name) || compareIds(a.id, b.id));
    this.#orders = { id: byId, name: byName };
  }

  page(request: ProductListRequest): ProductPage {
    const { limit, cursor, sort, prefix } = request;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PRODUCT_PAGE_SIZE) {
      throw new ValidationError('Invalid product listing.', [
        { pointer: '/limit', detail: `must be an integer from 1 to ${MAX_PRODUCT_PAGE_SIZE}` },
      ]);
    }
    const ordered = this.#orders[sort];
    let start = 0;
    if (cursor !== undefined) {
      const at = ordered.findIndex((product) => product.id === cursor);
      if (at < 0) throw new ValidationError('Invalid product listing.', [{ pointer: '/cursor', detail: 'unknown cursor' }]);
      start = at + 1;
    }
    const wanted = prefix?.toLowerCase() ?? '';
    const matches = (product: CatalogProduct) => product[sort].toLowerCase().startsWith(wanted);
    const items: CatalogProduct[] = [];
    let next = start;
    for (; next < ordered.length && items.length < limit; next++) {
      const product = ordered[next] as CatalogProduct;
      if (matches(product)) items.push(product);
    }
    const more = ordered.slice(next).some(matches);
    return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
