// Prints the OpenAPI document, or writes it to a file: npm run -s openapi [-- <path>]
// No server, no database: the document is made from the route table alone, whose handlers never run.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CartHistory } from '@carteria/analytics';
import type { GetCart } from '@carteria/cart';
import type { ProductBrowser, ProductCatalog } from '@carteria/products';
import type { CartEventFeed } from '../http/cart-event.feed.ts';
import { cartRoutes, type CartUseCases } from '../http/cart.routes.ts';
import { cartStreamRoutes } from '../http/cart-stream.routes.ts';
import { apiVersion, openApiDocument } from '../http/openapi.ts';
import { productRoutes, type ProductPrices } from '../http/products.routes.ts';

/** Stands in for a dependency that building the route table stores but never calls. */
function neverCalled<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      throw new Error(`${name}.${String(property)} is not available when only the OpenAPI document is made`);
    },
  });
}

// The same tables server.ts mounts, with the default configuration (embedded catalog, EUR).
const routes = [
  ...cartRoutes(neverCalled<CartUseCases>('cart use cases'), neverCalled<CartHistory>('cart history')),
  ...productRoutes({
    catalog: neverCalled<ProductCatalog>('catalog'),
    browser: neverCalled<ProductBrowser>('product browser'),
    prices: neverCalled<ProductPrices>('prices'),
    defaultCurrency: 'EUR',
  }),
  ...cartStreamRoutes(neverCalled<GetCart>('get cart'), neverCalled<CartEventFeed>('cart event feed')),
];
const json = `${JSON.stringify(openApiDocument(routes, apiVersion), null, 2)}\n`;

const target = process.argv[2];
if (target) {
  const file = resolve(target);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, json);
} else {
  process.stdout.write(json);
}
