import { ContainerModule } from 'inversify';
import type { ClientMetrics, ResilienceSettings } from '@carteria/dependency-client';
import { EmbeddedProductCatalog } from './embedded-product.catalog.ts';
import { checkProductsUrl, HttpProductCatalog } from './http-product.catalog.ts';
import type { ProductBrowser } from './product-browser.ts';

/** Service identifiers of what this lib binds; the app binds the cart's catalog port to `catalog`. */
export const PRODUCTS_TOKENS = {
  catalog: Symbol.for('carteria.products.ProductCatalog'),
  /** Bound only with the embedded catalog (the same instance): the remote Products API cannot list. */
  browser: Symbol.for('carteria.products.ProductBrowser'),
} as const;

export interface ProductsModuleOptions {
  /** Base URL of a Products service; unset means the embedded catalog. */
  readonly url?: string;
  readonly resilience?: Partial<ResilienceSettings>;
  readonly metrics?: ClientMetrics;
}

/**
 * Binds `PRODUCTS_TOKENS.catalog`, one instance: the HTTP catalog when `url` is set, else the
 * embedded one, which is also bound as `PRODUCTS_TOKENS.browser` (the HTTP one cannot list). A bad
 * URL throws here, at composition. Unbinding (e.g. `container.unbindAllAsync()` on shutdown) closes
 * the HTTP catalog's connection pool.
 */
export function productsModule(options: ProductsModuleOptions = {}): ContainerModule {
  const { url, resilience, metrics } = options;
  if (url !== undefined) {
    checkProductsUrl(url);
  }
  return new ContainerModule(({ bind }) => {
    if (url === undefined) {
      bind<EmbeddedProductCatalog>(PRODUCTS_TOKENS.catalog)
        .toResolvedValue(() => new EmbeddedProductCatalog())
        .inSingletonScope();
      bind<ProductBrowser>(PRODUCTS_TOKENS.browser).toService(PRODUCTS_TOKENS.catalog);
      return;
    }
    bind<HttpProductCatalog>(PRODUCTS_TOKENS.catalog)
      .toResolvedValue(() => new HttpProductCatalog({ url, resilience, metrics }))
      .inSingletonScope()
      .onDeactivation((catalog) => catalog.close());
  });
}
