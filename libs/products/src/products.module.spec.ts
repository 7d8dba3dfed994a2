import { warmUpHttpClient } from '@carteria/dependency-client/testing';
import { Container } from 'inversify';
import { EmbeddedProductCatalog } from './embedded-product.catalog.ts';
import { HttpProductCatalog } from './http-product.catalog.ts';
import type { ProductCatalog } from './product.catalog.ts';
import { PRODUCTS_TOKENS, productsModule } from './products.module.ts';
import { FakeProductsServer } from './testing/fake-products.server.ts';

describe('productsModule', () => {
  beforeAll(() => warmUpHttpClient());

  it('binds the embedded catalog, one instance, when no URL is given', async () => {
    const container = new Container();
    container.load(productsModule());
    const catalog = container.get<ProductCatalog>(PRODUCTS_TOKENS.catalog);
    expect(catalog).toBeInstanceOf(EmbeddedProductCatalog);
    expect(container.get(PRODUCTS_TOKENS.catalog)).toBe(catalog);
    expect((await catalog.findProducts(['sku-001'])).has('sku-001')).toBe(true);
    expect(container.get(PRODUCTS_TOKENS.browser)).toBe(catalog);
  });

  it('binds the HTTP catalog when a URL is given, and closes it when unbound', async () => {
    const server = await FakeProductsServer.start({
      products: [{ id: 'remote-1', name: 'Remote', imageUrl: null, active: true, stock: 4 }],
    });
    try {
      const container = new Container();
      container.load(productsModule({ url: server.url, resilience: { timeoutMs: 2000 } }));
      const catalog = container.get<ProductCatalog>(PRODUCTS_TOKENS.catalog);
      expect(catalog).toBeInstanceOf(HttpProductCatalog);
      expect(container.get(PRODUCTS_TOKENS.catalog)).toBe(catalog);
      expect(container.isBound(PRODUCTS_TOKENS.browser)).toBe(false);
      expect((await catalog.findProducts(['remote-1', 'sku-001'])).get('remote-1')?.stock).toBe(4);
      await container.unbindAllAsync();
      await expect(catalog.findProducts(['remote-1'])).rejects.toThrow();
    } finally {
      await server.close();
    }
  });

  it('refuses a bad URL when the module is made', () => {
    expect(() => productsModule({ url: 'not a url' })).toThrow(/absolute http\(s\) URL/);
  });
});
