import type { ProductListRequest, ProductPage } from './product-listing.ts';

/**
 * Pages through a whole catalog, for shop front ends. The embedded catalog has it; the HTTP adapter
 * does not, because the Products API it calls only answers products by id (README).
 */
export interface ProductBrowser {
  /** Throws the kernel's ValidationError on a bad limit or cursor, or a price sort without prices. */
  listProducts(request: ProductListRequest): Promise<ProductPage>;
}
