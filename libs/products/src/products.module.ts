import { ContainerModule } from 'inversify';
import type { ClientMetrics, ResilienceSettings } from '@carteria/dependency-client';
import { EmbeddedProductCatalog } from './embedded-product.catalog.ts';
import { checkProductsUrl, HttpProductCatalog } from './http-product.catalog.ts';
import type { ProductCatalog } from './product.catalog.ts';

/** Service identifiers of what this lib binds; the app binds the cart's catalog port to `catalog`. */
export const PRODUCTS_TOKENS = {
  catalog: Symbol.for('carteria.products.ProductCatalog'),
} as const;

export interface ProductsModuleOptions {
  /** Base URL of a Products service; unset means the embedded catalog. */
  readonly url?: string;
  readonly resilience?: Partial<ResilienceSettings>;
  readonly metrics?: ClientMetrics;
}

/**
 * Binds `PRODUCTS_TOKENS.catalog`, one instance: the HTTP catalog when `url` is set, else the
 * embedded one. A bad URL throws here, at composition. Unbinding (e.g. `container.unbindAllAsync()`
 * on shutdown) closes the HTTP catalog's connection pool.
 */
export function productsModule(options: ProductsModuleOptions = {}): ContainerModule {
  const { url, resilience, metrics } = options;
  if (url !== undefined) {
    checkProductsUrl(url);
  }
  return new ContainerModule(({ bind }) => {
    if (url === undefined) {
      bind<ProductCatalog>(PRODUCTS_TOKENS.catalog)
        .toResolvedValue(() => new EmbeddedProductCatalog())
        .inSingletonScope();
      return;
    }
    bind<HttpProductCatalog>(PRODUCTS_TOKENS.catalog)
      .toResolvedValue(() => new HttpProductCatalog({ url, resilience, metrics }))
      .inSingletonScope()
      .onDeactivation((catalog) => catalog.close());
  });
}
