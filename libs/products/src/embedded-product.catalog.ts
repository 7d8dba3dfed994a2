import type { ProductBrowser } from './product-browser.ts';
import type { Product, ProductCatalog } from './product.catalog.ts';
import { loadProductData, parseProductData } from './product-data.ts';
import type { CatalogProduct } from './product-data.ts';
import { ProductListing } from './product-listing.ts';
import type { ProductListRequest, ProductPage } from './product-listing.ts';

export interface EmbeddedProductCatalogOptions {
  /**
   * Products to serve instead of the shipped `src/data/products.json`, in the same shape
   * (`{"products": [...]}`) and validated the same way. For tests and demos.
   */
  readonly data?: unknown;
}

/**
 * The catalog used when no Products service is configured: the shipped data file, read and
 * validated once when the catalog is built (a bad file fails the start, not a request).
 */
export class EmbeddedProductCatalog implements ProductCatalog, ProductBrowser {
  readonly #products: ReadonlyMap<string, Product>;
  readonly #listing: ProductListing;

  constructor(options: EmbeddedProductCatalogOptions = {}) {
    const records = options.data === undefined ? loadProductData() : parseProductData(options.data);
    const frozen = records.map((record): CatalogProduct => Object.freeze({ ...record }));
    this.#products = new Map(
      frozen.map(({ id, name, imageUrl, active, stock }) => [id, Object.freeze({ id, name, imageUrl, active, stock })]),
    );
    this.#listing = new ProductListing(frozen);
  }

  /** How many products the catalog holds. */
  get size(): number {
    return this.#products.size;
  }

  async findProducts(ids: readonly string[]): Promise<ReadonlyMap<string, Product>> {
    const found = new Map<string, Product>();
    for (const id of ids) {
      const product = this.#products.get(id);
      if (product !== undefined) found.set(id, product);
    }
    return found;
  }

  /** A page of the catalog for shop front ends; throws ValidationError on a bad limit or cursor. */
  async listProducts(request: ProductListRequest): Promise<ProductPage> {
    return this.#listing.page(request);
  }
}
