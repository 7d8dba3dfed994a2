import { ValidationError } from '@carteria/kernel';
import type { Money } from '@carteria/kernel';
import type { Product, ProductBrowser, ProductCatalog } from '@carteria/products';
import { encodeCursor } from './cursor.ts';
import { HttpError } from './http-error.ts';
import { problemSchema } from './problem.schemas.ts';
import { productCurrencyQuery, productListQuery, productPageSchema, productPath, productSchema } from './products.schemas.ts';
import { defineRoute, type Route } from './route.ts';

/** Billing's port, in the words of this edge: unit prices of products in one currency. */
export interface ProductPrices {
  quote(productIds: readonly string[], currency: string): Promise<ReadonlyMap<string, Money>>;
}

export interface ProductRoutesParts {
  readonly catalog: ProductCatalog;
  /** Absent when the catalog cannot be listed (a remote Products service): the listing answers 501. */
  readonly browser?: ProductBrowser;
  readonly prices: ProductPrices;
  /** Prices are in this currency unless the request asks for another. */
  readonly defaultCurrency: string;
}

const tags = ['products'];

const problemAnswer = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

const commonProblems = {
  '400': problemAnswer('`VALIDATION_FAILED`: a query parameter or the product id is not valid (`errors` says which).'),
  '401': problemAnswer('`UNAUTHENTICATED`: a bearer token was sent and is not valid (none is needed).'),
  '500': problemAnswer('`INTERNAL`: a fault on our side.'),
  '503': problemAnswer(
    '`SERVICE_STARTING`, `SERVICE_DRAINING`, `DATABASE_UNAVAILABLE`, or `DEPENDENCY_UNAVAILABLE` (Products or Billing does not answer); see Retry-After.',
  ),
};

/** The catalog for shop front ends: public (no credential needed), served from the products port, priced by Billing. */
export function productRoutes(parts: ProductRoutesParts): Route[] {
  const { catalog, browser, prices, defaultCurrency } = parts;

  /** Remembers what one request was quoted, so a price sort and its page ask Billing once. */
  function priceBook(currency: string) {
    const known = new Map<string, Money | null>();
    return {
      async lookUp(ids: readonly string[]): Promise<ReadonlyMap<string, Money | null>> {
        const missing = ids.filter((id) => !known.has(id));
        if (missing.length > 0) {
          const quoted = await prices.quote(missing, currency);
          for (const id of missing) known.set(id, quoted.get(id) ?? null);
        }
        return known;
      },
    };
  }

  const present = (product: Product, unitPrice: Money | null | undefined) => ({
    id: product.id,
    name: product.name,
    imageUrl: product.imageUrl,
    active: product.active,
    stock: product.stock,
    unitPrice: unitPrice ?? null,
  });

  return [
    defineRoute({
      method: 'get',
      path: '/v1/products',
      access: 'anyone',
      operation: {
        operationId: 'listProducts',
        summary: 'The catalog, a page at a time',
        description:
          'For shop front ends; no credential needed. Sorted by name or by unit price, optionally only the names ' +
          'that start with `prefix`. Prices come from Billing in `currency`. Needs the embedded catalog: with ' +
          '`PRODUCTS_URL` set the answer is 501, because the Products API answers products by id only.',
        tags,
      },
      query: productListQuery,
      responses: {
        '200': { description: 'One page of products.', content: { 'application/json': { schema: productPageSchema } } },
        ...commonProblems,
        '501': problemAnswer('`PRODUCT_LISTING_UNSUPPORTED`: the configured Products service cannot list its catalog.'),
      },
      async handle({ query }) {
        if (browser === undefined) {
          throw new HttpError(
            501,
            'PRODUCT_LISTING_UNSUPPORTED',
            'The configured Products service answers products by id only; the catalog cannot be listed.',
          );
        }
        const book = priceBook(query.currency ?? defaultCurrency);
        const cursor = query.cursor === undefined ? undefined : decodeProductCursor(query.cursor);
        const page = await browser
          .listProducts({
            limit: query.limit,
            sort: query.sort,
            ...(cursor === undefined ? {} : { cursor }),
            ...(query.prefix === undefined ? {} : { prefix: query.prefix }),
            prices: async (ids) => amounts(await book.lookUp(ids)),
          })
          .catch(rethrowAsQueryError);
        const priced = await book.lookUp(page.items.map((product) => product.id));
        return {
          status: 200,
          body: {
            items: page.items.map((product) => present(product, priced.get(product.id))),
            nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/products/{productId}',
      access: 'anyone',
      operation: { operationId: 'getProduct', summary: 'One product, priced', description: 'No credential needed.', tags },
      params: productPath,
      query: productCurrencyQuery,
      responses: {
        '200': { description: 'The product.', content: { 'application/json': { schema: productSchema } } },
        ...commonProblems,
        '404': problemAnswer('`PRODUCT_NOT_FOUND`: Products does not know this product.'),
      },
      async handle({ params, query }) {
        const currency = query.currency ?? defaultCurrency;
        const [found, quoted] = await Promise.all([catalog.findProducts([params.productId]), prices.quote([params.productId], currency)]);
        const product = found.get(params.productId);
        if (product === undefined) throw new HttpError(404, 'PRODUCT_NOT_FOUND', `There is no product ${params.productId}.`);
        return { status: 200, body: present(product, quoted.get(product.id)) };
      },
    }),
  ];
}

function amounts(prices: ReadonlyMap<string, Money | null>): ReadonlyMap<string, number> {
  const result = new Map<string, number>();
  for (const [id, money] of prices) if (money !== null) result.set(id, money.amount);
  return result;
}

/** A product cursor is the last product id served, base64url-encoded (cursor.ts). */
function decodeProductCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(id)) {
    throw new ValidationError('The cursor is not one this service made.', [
      { pointer: '/query/cursor', detail: 'use the nextCursor of the previous page' },
    ]);
  }
  return id;
}

/** The listing names request fields (`/cursor`); the API points into the query (`/query/cursor`). */
function rethrowAsQueryError(error: unknown): never {
  if (error instanceof ValidationError) {
    throw new ValidationError(
      'The request query is not valid.',
      error.violations.map((violation) => ({ ...violation, pointer: `/query${violation.pointer}` })),
    );
  }
  throw error;
}
