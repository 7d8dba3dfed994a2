import { ValidationError } from '@carteria/kernel';
import { EmbeddedProductCatalog } from './embedded-product.catalog.ts';
import type { ProductListRequest } from './product-listing.ts';

const catalog = new EmbeddedProductCatalog();

async function all(request: Omit<ProductListRequest, 'cursor'>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await catalog.listProducts({ ...request, ...(cursor === undefined ? {} : { cursor }) });
    expect(page.items.length).toBeLessThanOrEqual(request.limit);
    ids.push(...page.items.map((p) => p.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return ids;
}

describe('EmbeddedProductCatalog.listProducts', () => {
  it('pages through the whole catalog in id order, ending with a null cursor', async () => {
    const first = await catalog.listProducts({ limit: 100, sort: 'id' });
    expect(first.items).toHaveLength(100);
    expect(first.items[0]).toMatchObject({ id: 'sku-001', category: 'coffee-and-tea' });
    expect(first.nextCursor).not.toBeNull();
    const ids = await all({ limit: 100, sort: 'id' });
    expect(ids).toHaveLength(300);
    expect(ids.at(-1)).toBe('sku-300');
    const last = await catalog.listProducts({ limit: 100, sort: 'id', cursor: 'sku-200' });
    expect(last.items).toHaveLength(100);
    expect(last.nextCursor).toBeNull();
  });

  it('sorts by name, case-insensitively and with numbers in numeric order', async () => {
    const page = await catalog.listProducts({ limit: 100, sort: 'name', prefix: 'terracotta plant pot' });
    expect(page.items.map((p) => p.name)).toEqual([
      'Terracotta Plant Pot, 12 cm',
      'Terracotta Plant Pot, 17 cm',
      'Terracotta Plant Pot, 25 cm',
    ]);
    const names = (await all({ limit: 37, sort: 'name' })).length;
    expect(names).toBe(300);
  });

  it('filters by a prefix of the sort key, across pages', async () => {
    const ids = await all({ limit: 7, sort: 'id', prefix: 'SKU-1' });
    expect(ids).toHaveLength(100);
    expect(ids[0]).toBe('sku-100');
    const espresso = await all({ limit: 2, sort: 'name', prefix: 'espresso' });
    expect(espresso.length).toBeGreaterThan(2);
    expect(await all({ limit: 10, sort: 'name', prefix: 'no such product' })).toEqual([]);
  });

  it('refuses a bad limit or an unknown cursor', async () => {
    for (const limit of [0, 101, 1.5]) {
      await expect(catalog.listProducts({ limit, sort: 'id' })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(catalog.listProducts({ limit: 10, sort: 'id', cursor: 'nope' })).rejects.toThrow(ValidationError);
  });

  it('sorts by price, cheapest first, unpriced last, ties in name order, asking prices once per page', async () => {
    const asked: (readonly string[])[] = [];
    const prices = async (ids: readonly string[]) => {
      asked.push(ids);
      // Price by the id's number, backwards; sku-300 has none; sku-010 and sku-020 cost the same.
      return new Map(ids.filter((id) => id !== 'sku-300').map((id) => [id, id === 'sku-020' ? 290 : 300 - Number(id.slice(4))]));
    };
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.listProducts({ limit: 100, sort: 'price', prices, ...(cursor === undefined ? {} : { cursor }) });
      ids.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(ids).toHaveLength(300);
    expect(ids.slice(0, 3)).toEqual(['sku-299', 'sku-298', 'sku-297']);
    expect(ids.at(-1)).toBe('sku-300');
    expect(asked).toHaveLength(3);
    const tie = ids.filter((id) => id === 'sku-010' || id === 'sku-020');
    const names = new Map((await catalog.findProducts(tie)).entries());
    const byName = [...tie].sort((a, b) => names.get(a)!.name.localeCompare(names.get(b)!.name));
    expect(tie).toEqual(byName);
  });

  it('filters a price sort by name prefix and asks prices only for the matches', async () => {
    const asked: string[] = [];
    const prices = async (ids: readonly string[]) => {
      asked.push(...ids);
      return new Map(ids.map((id, index) => [id, 1000 - index]));
    };
    const page = await catalog.listProducts({ limit: 100, sort: 'price', prefix: 'Terracotta plant POT', prices });
    expect(page.items.map((p) => p.name)).toEqual([
      'Terracotta Plant Pot, 25 cm',
      'Terracotta Plant Pot, 17 cm',
      'Terracotta Plant Pot, 12 cm',
    ]);
    expect(asked).toHaveLength(3);
    expect(page.nextCursor).toBeNull();
  });

  it('refuses a price sort without prices', async () => {
    await expect(catalog.listProducts({ limit: 10, sort: 'price' })).rejects.toBeInstanceOf(ValidationError);
  });
});
