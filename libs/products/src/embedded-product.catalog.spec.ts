import { EmbeddedProductCatalog } from './embedded-product.catalog.ts';
import { loadProductData } from './product-data.ts';

const shipped = loadProductData();
const allIds = shipped.map((p) => p.id);

describe('EmbeddedProductCatalog', () => {
  const catalog = new EmbeddedProductCatalog();

  it('loads the 300 shipped products', async () => {
    expect(catalog.size).toBe(300);
    const found = await catalog.findProducts(allIds);
    expect(found.size).toBe(300);
    expect([...found.keys()]).toEqual(allIds);
  });

  it('answers a product with exactly the port fields', async () => {
    const found = await catalog.findProducts(['sku-001']);
    expect(found.get('sku-001')).toEqual({
      id: 'sku-001',
      name: 'Ethiopia Yirgacheffe Coffee, Whole Bean 250 g',
      imageUrl: '/images/products/sku-001.svg',
      active: true,
      stock: expect.any(Number),
    });
    expect(Object.isFrozen(found.get('sku-001'))).toBe(true);
  });

  it('leaves unknown ids out, answers a repeated id once, and an empty question with an empty map', async () => {
    const found = await catalog.findProducts(['sku-000', 'sku-042', 'sku-301', 'SKU-042', 'sku-042', '']);
    expect([...found.keys()]).toEqual(['sku-042']);
    expect((await catalog.findProducts([])).size).toBe(0);
  });

  it('reports inactive and out-of-stock products as they are, not as absent', async () => {
    const inactive = shipped.find((p) => !p.active)!;
    const soldOut = shipped.find((p) => p.stock === 0)!;
    const found = await catalog.findProducts([inactive.id, soldOut.id]);
    expect(found.get(inactive.id)?.active).toBe(false);
    expect(found.get(soldOut.id)?.stock).toBe(0);
  });

  it('serves given data instead of the file, copied once at construction', async () => {
    const product = { id: 'mug-1', name: 'Mug', category: 'kitchen', imageUrl: null, active: true, stock: 2 };
    const data = { products: [product] };
    const own = new EmbeddedProductCatalog({ data });
    product.stock = 99;
    expect(own.size).toBe(1);
    expect((await own.findProducts(['mug-1', 'sku-001'])).get('mug-1')).toEqual({
      id: 'mug-1',
      name: 'Mug',
      imageUrl: null,
      active: true,
      stock: 2,
    });
  });

  it('refuses invalid data when built', () => {
    expect(() => new EmbeddedProductCatalog({ data: { products: [{ id: 'x' }] } })).toThrow(/invalid catalog data/);
  });
});
