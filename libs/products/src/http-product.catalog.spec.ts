import { DependencyUnavailableError } from '@carteria/dependency-client';
import { RecordingClientMetrics, warmUpHttpClient } from '@carteria/dependency-client/testing';
import { HttpProductCatalog } from './http-product.catalog.ts';
import type { Product } from './product.catalog.ts';
import { loadProductData } from './product-data.ts';
import { FakeProductsServer } from './testing/fake-products.server.ts';

const shipped: Product[] = loadProductData();
const noImage: Product = { id: 'gift-card', name: 'Gift Card', imageUrl: null, active: true, stock: 1000 };

describe('HttpProductCatalog against a loopback Products service', () => {
  let server: FakeProductsServer;
  let catalog: HttpProductCatalog;
  let metrics: RecordingClientMetrics;

  // These tests are about the adapter, not timing: a busy CI machine must not turn them into timeouts.
  beforeAll(() => warmUpHttpClient());

  beforeEach(async () => {
    server = await FakeProductsServer.start({ products: [...shipped, noImage] });
    metrics = new RecordingClientMetrics();
    catalog = new HttpProductCatalog({ url: server.url, metrics, resilience: { timeoutMs: 2000 } });
  });

  afterEach(async () => {
    await catalog.close();
    await server.close();
  });

  it('answers the products asked for, in one request, with the port fields', async () => {
    const found = await catalog.findProducts(['sku-001', 'gift-card']);
    expect(found.get('sku-001')).toEqual({
      id: 'sku-001',
      name: 'Ethiopia Yirgacheffe Coffee, Whole Bean 250 g',
      imageUrl: '/images/products/sku-001.svg',
      active: true,
      stock: shipped[0]!.stock,
    });
    expect(found.get('gift-card')).toEqual(noImage);
    expect(server.requests).toEqual([['sku-001', 'gift-card']]);
    expect(metrics.calls).toEqual([
      expect.objectContaining({ dependency: 'products', operation: 'find_products', outcome: 'success' }),
    ]);
  });

  it('leaves unknown ids out and reports inactive and sold-out products as they are', async () => {
    const inactive = shipped.find((p) => !p.active)!;
    const soldOut = shipped.find((p) => p.stock === 0)!;
    const found = await catalog.findProducts(['sku-404', inactive.id, 'nope', soldOut.id]);
    expect([...found.keys()].sort()).toEqual([inactive.id, soldOut.id].sort());
    expect(found.get(inactive.id)?.active).toBe(false);
    expect(found.get(soldOut.id)?.stock).toBe(0);
  });

  it('asks nothing for an empty list, and never sends an id the wire cannot carry', async () => {
    expect((await catalog.findProducts([])).size).toBe(0);
    expect((await catalog.findProducts(['', 'a,b'])).size).toBe(0);
    expect(server.requests).toEqual([]);
  });

  it('splits more than 100 distinct ids into requests of at most 100, asking each id once', async () => {
    const ids = shipped.slice(0, 250).map((p) => p.id);
    const found = await catalog.findProducts([...ids, ...ids.slice(0, 20), 'sku-999']);
    expect(found.size).toBe(250);
    expect(server.requests.map((r) => r.length).sort((a, b) => b - a)).toEqual([100, 100, 51]);
    expect(server.requests.flat()).toHaveLength(251);
    expect(new Set(server.requests.flat())).toEqual(new Set([...ids, 'sku-999']));
  });

  it.each(['malformed-json', 'wrong-shape', 'server-error', 'reset'] as const)(
    'reports the dependency unavailable when the service answers %s',
    async (behaviour) => {
      server.behaviour = behaviour;
      const failure = catalog.findProducts(['sku-001']);
      await expect(failure).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(failure).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', dependency: 'products' });
      expect(metrics.calls.at(-1)).toMatchObject({ dependency: 'products', operation: 'find_products', outcome: 'error' });
    },
  );

  it('gives up on a service that hangs within the configured timeout', async () => {
    const quick = new HttpProductCatalog({ url: server.url, resilience: { timeoutMs: 50, retries: 0 } });
    server.behaviour = 'hang';
    const started = performance.now();
    await expect(quick.findProducts(['sku-001'])).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(performance.now() - started).toBeLessThan(1000);
    await quick.close();
  });

  it('refuses a base URL that is not absolute http(s)', () => {
    expect(() => new HttpProductCatalog({ url: 'products:8080' })).toThrow(TypeError);
    expect(() => new HttpProductCatalog({ url: '/products' })).toThrow(/absolute http\(s\) URL/);
  });
});
