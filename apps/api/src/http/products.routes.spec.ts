import type { Request } from 'express';
import { guestPrincipal, ValidationError } from '@carteria/kernel';
import { EmbeddedPriceList } from '@carteria/pricing';
import { EmbeddedProductCatalog } from '@carteria/products';
import { HttpError } from './http-error.ts';
import { openApiDocument } from './openapi.ts';
import { productRoutes } from './products.routes.ts';
import { productCurrencyQuery, productListQuery } from './products.schemas.ts';
import type { Route } from './route.ts';

const catalog = new EmbeddedProductCatalog();
const prices = new EmbeddedPriceList();
const routes = productRoutes({ catalog, browser: catalog, prices, defaultCurrency: 'EUR' });

function route(path: string): Route {
  const found = routes.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`no route ${path}`);
  return found;
}

interface Page {
  items: { id: string; name: string; unitPrice: { amount: number; currency: string } | null }[];
  nextCursor: string | null;
}

async function list(query: Record<string, string>, routeList = route('/v1/products')): Promise<Page> {
  const reply = await routeList.handle({ params: {}, query: productListQuery.parse(query), body: undefined, principal: guestPrincipal(), req: {} as Request });
  expect(reply.status).toBe(200);
  return reply.body as Page;
}

describe('GET /v1/products', () => {
  it('pages through the catalog by name with prices, and a cursor that continues', async () => {
    const first = await list({ limit: '5' });
    expect(first.items).toHaveLength(5);
    expect(first.items[0]).toMatchObject({ unitPrice: { currency: 'EUR', amount: expect.any(Number) } });
    const second = await list({ limit: '5', cursor: first.nextCursor! });
    expect(second.items[0]!.name.localeCompare(first.items[4]!.name, 'en', { sensitivity: 'base', numeric: true })).toBeGreaterThan(0);
  });

  it('sorts by price, cheapest first, unpriced last, in the asked currency', async () => {
    const all: Page['items'] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list({ limit: '100', sort: 'price', ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(300);
    const amounts = all.flatMap((product) => (product.unitPrice ? [product.unitPrice.amount] : []));
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    expect(all.at(-1)).toMatchObject({ id: 'sku-300', unitPrice: null });
    const sek = await list({ limit: '3', sort: 'price', currency: 'SEK' });
    expect(sek.items.every((product) => product.unitPrice?.currency === 'SEK')).toBe(true);
  });

  it('filters by name prefix', async () => {
    const page = await list({ limit: '100', prefix: 'ESPRESSO' });
    expect(page.items.length).toBeGreaterThan(1);
    expect(page.items.every((product) => product.name.toLowerCase().startsWith('espresso'))).toBe(true);
  });

  it('refuses bad parameters, pointing into the query', async () => {
    for (const query of [{ limit: '0' }, { limit: '101' }, { sort: 'id' }, { currency: 'EURO' }, { extra: '1' }]) {
      expect(productListQuery.safeParse(query).success).toBe(false);
    }
    await expect(list({ cursor: 'not-a-cursor!' })).rejects.toMatchObject({ violations: [{ pointer: '/query/cursor' }] });
    await expect(list({ cursor: Buffer.from('sku-999').toString('base64url') })).rejects.toBeInstanceOf(ValidationError);
  });

  it('answers 501 when the catalog cannot be listed (a remote Products service)', async () => {
    const [remote] = productRoutes({ catalog, prices, defaultCurrency: 'EUR' });
    await expect(list({}, remote)).rejects.toMatchObject({ status: 501, code: 'PRODUCT_LISTING_UNSUPPORTED' });
  });
});

describe('GET /v1/products/{productId}', () => {
  const get = (productId: string, query: Record<string, string> = {}) =>
    route('/v1/products/{productId}').handle({
      params: { productId },
      query: productCurrencyQuery.parse(query),
      body: undefined,
      principal: guestPrincipal(),
      req: {} as Request,
    });

  it('answers one product with its price', async () => {
    const reply = await get('sku-001');
    expect(reply).toMatchObject({ status: 200, body: { id: 'sku-001', active: true, unitPrice: { currency: 'EUR' } } });
    expect((await get('sku-300')).body).toMatchObject({ unitPrice: null });
  });

  it('answers 404 PRODUCT_NOT_FOUND for an unknown product', async () => {
    await expect(get('sku-999')).rejects.toEqual(expect.any(HttpError));
    await expect(get('sku-999')).rejects.toMatchObject({ status: 404, code: 'PRODUCT_NOT_FOUND' });
  });
});

describe('the product routes in the OpenAPI document', () => {
  it('are documented with their schemas and problem answers', () => {
    const document = openApiDocument(routes, 'test');
    const listing = document.paths?.['/v1/products']?.get;
    expect(Object.keys(listing?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '501', '503']));
    expect(document.paths?.['/v1/products/{productId}']?.get?.responses?.['404']).toBeDefined();
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(expect.arrayContaining(['Product', 'ProductPage']));
  });
});
