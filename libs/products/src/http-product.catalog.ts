import { DependencyClient } from '@carteria/dependency-client';
import type { BreakerState, ClientMetrics, ResilienceSettings } from '@carteria/dependency-client';
import type { Product, ProductCatalog } from './product.catalog.ts';
import { MAX_IDS_PER_REQUEST, parseProductsResponse, PRODUCTS_PATH } from './products-http.api.ts';

/** The `dependency` label of this adapter's calls in metrics and errors. */
export const PRODUCTS_DEPENDENCY = 'products';
/** The `operation` label of `findProducts` calls. */
export const FIND_PRODUCTS_OPERATION = 'find_products';

export interface HttpProductCatalogOptions {
  /** Base URL of the Products service, e.g. http://products:8080 (a path prefix is kept). */
  readonly url: string;
  readonly resilience?: Partial<ResilienceSettings>;
  readonly metrics?: ClientMetrics;
  /** Sent with every request, e.g. an authorization header. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The catalog of a remote Products service (`GET /products?ids=a,b,c`). Every failure to get a
 * usable answer surfaces as `DependencyUnavailableError`. Owns its HTTP connection pool: `close()` it.
 */
export class HttpProductCatalog implements ProductCatalog {
  readonly #client: DependencyClient;

  constructor(options: HttpProductCatalogOptions) {
    const { url, resilience, metrics, headers } = options;
    this.#client = new DependencyClient({
      dependency: PRODUCTS_DEPENDENCY,
      baseUrl: checkProductsUrl(url),
      resilience,
      metrics,
      headers,
    });
  }

  async findProducts(ids: readonly string[]): Promise<ReadonlyMap<string, Product>> {
    // A comma would split an id on the wire; such an id cannot be asked for, so it is simply absent.
    const wanted = [...new Set(ids)].filter((id) => id !== '' && !id.includes(','));
    const chunks: string[][] = [];
    for (let i = 0; i < wanted.length; i += MAX_IDS_PER_REQUEST) {
      chunks.push(wanted.slice(i, i + MAX_IDS_PER_REQUEST));
    }
    const answers = await Promise.all(
      chunks.map((chunk) =>
        this.#client.getJson(FIND_PRODUCTS_OPERATION, PRODUCTS_PATH, { ids: chunk.join(',') }, parseProductsResponse),
      ),
    );
    const asked = new Set(wanted);
    const found = new Map<string, Product>();
    for (const product of answers.flat()) {
      // Ids nobody asked for are ignored; the first answer for an id wins.
      if (asked.has(product.id) && !found.has(product.id)) found.set(product.id, product);
    }
    return found;
  }

  breakerState(): BreakerState {
    return this.#client.breakerState();
  }

  /** Closes the connection pool. */
  close(): Promise<void> {
    return this.#client.close();
  }
}

/** Returns the URL when it is an absolute http(s) URL; a bad value is a configuration bug and throws. */
export function checkProductsUrl(value: string): string {
  const url = URL.parse(value);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError('products: `url` must be an absolute http(s) URL.');
  }
  return value;
}
