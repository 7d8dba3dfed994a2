import { readFileSync } from 'node:fs';
import { generateProducts, renderProductsFile } from '../scripts/generate-products.ts';
import { PRODUCT_CATEGORIES } from './product-category.ts';
import { loadProductData, parseProductData, shippedProductsFile } from './product-data.ts';

const products = loadProductData();
const valid = { id: 'sku-001', name: 'Espresso Cup, White', category: 'kitchen', imageUrl: null, active: true, stock: 3 };

describe('the shipped catalog data', () => {
  it('is exactly what the generator script writes', () => {
    expect(readFileSync(shippedProductsFile, 'utf8')).toBe(renderProductsFile(generateProducts()));
  });

  it('holds sku-001 to sku-300 in order, with distinct non-empty names', () => {
    expect(products.map((p) => p.id)).toEqual(Array.from({ length: 300 }, (_, i) => `sku-${String(i + 1).padStart(3, '0')}`));
    expect(new Set(products.map((p) => p.name)).size).toBe(300);
    expect(products.every((p) => p.name.trim().length > 0)).toBe(true);
  });

  it('puts each product in the category of its id range', () => {
    products.forEach((product, i) => {
      expect(product.category).toBe(PRODUCT_CATEGORIES[Math.floor(i / 60)]);
    });
  });

  it('gives every product a placeholder image path on the shop host, never an external host', () => {
    for (const product of products) {
      expect(product.imageUrl).toBe(`/images/products/${product.id}.svg`);
    }
  });

  it('has integer stock, about 10% out of stock, about 5% inactive and a few nearly sold out', () => {
    expect(products.every((p) => Number.isSafeInteger(p.stock) && p.stock >= 0)).toBe(true);
    const outOfStock = products.filter((p) => p.stock === 0).length;
    const inactive = products.filter((p) => !p.active).length;
    const low = products.filter((p) => p.stock >= 1 && p.stock <= 3).length;
    expect(outOfStock).toBeGreaterThanOrEqual(24);
    expect(outOfStock).toBeLessThanOrEqual(36);
    expect(inactive).toBeGreaterThanOrEqual(10);
    expect(inactive).toBeLessThanOrEqual(20);
    expect(low).toBeGreaterThanOrEqual(3);
    expect(low).toBeLessThanOrEqual(15);
  });

  it('keeps the first ten of each category and sku-300 active and well stocked, for demos and tests', () => {
    const byId = new Map(products.map((p) => [p.id, p]));
    const reserved = [0, 60, 120, 180, 240].flatMap((start) =>
      Array.from({ length: 10 }, (_, i) => `sku-${String(start + i + 1).padStart(3, '0')}`),
    );
    for (const id of [...reserved, 'sku-300']) {
      expect(byId.get(id)).toMatchObject({ active: true, stock: expect.any(Number) });
      expect(byId.get(id)!.stock).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('parseProductData', () => {
  it('accepts a valid file and an absolute http(s) image URL', () => {
    const https = { ...valid, id: 'sku-002', imageUrl: 'https://cdn.example.com/a.svg' };
    expect(parseProductData({ products: [valid, https] })).toEqual([valid, https]);
  });

  it.each([
    ['a negative stock', { ...valid, stock: -1 }],
    ['a fractional stock', { ...valid, stock: 1.5 }],
    ['an unknown category', { ...valid, category: 'toys' }],
    ['an empty name', { ...valid, name: '  ' }],
    ['a relative image path', { ...valid, imageUrl: 'images/a.svg' }],
    ['a protocol-relative image URL', { ...valid, imageUrl: '//cdn.example.com/a.svg' }],
    ['an id with a space', { ...valid, id: 'sku 1' }],
    ['an unknown field', { ...valid, price: 100 }],
    ['a missing field', { id: 'sku-001', name: 'x', category: 'books', imageUrl: null, active: true }],
  ])('refuses %s', (_label, product) => {
    expect(() => parseProductData({ products: [product] })).toThrow(/invalid catalog data/);
  });

  it('refuses duplicate ids and a file without a products array', () => {
    expect(() => parseProductData({ products: [valid, valid] })).toThrow(/duplicate id sku-001/);
    expect(() => parseProductData([valid])).toThrow(TypeError);
  });

  it('reports a file that is not JSON', () => {
    expect(() => loadProductData(new URL('./product-data.ts', import.meta.url))).toThrow(/is not valid JSON/);
  });
});
