import type { Container } from 'inversify';
import { CART_TOKENS, type GetCart } from '@carteria/cart';
import type { Database } from '@carteria/db';
import type { Logger } from '@carteria/kernel';
import { PRICING_TOKENS, type PriceQuoter } from '@carteria/pricing';
import { PRODUCTS_TOKENS, type ProductBrowser, type ProductCatalog } from '@carteria/products';
import { CartEventFeed } from './cart-event.feed.ts';
import { cartStreamRoutes } from './cart-stream.routes.ts';
import { productRoutes } from './products.routes.ts';
import type { Route } from './route.ts';

export interface ShopRoutesParts {
  readonly container: Container;
  readonly database: Database;
  readonly logger: Logger;
  readonly defaultCurrency: string;
}

export interface ShopRoutes {
  readonly routes: Route[];
  /** Close it when the service starts draining: it ends every open cart stream. */
  readonly feed: CartEventFeed;
}

/** What the demo shop needs beyond the cart endpoints: the catalog and the live cart stream. */
export function shopRoutes(parts: ShopRoutesParts): ShopRoutes {
  const { container, database, logger, defaultCurrency } = parts;
  const feed = new CartEventFeed(database, { logger });
  const browser = container.isBound(PRODUCTS_TOKENS.browser) ? container.get<ProductBrowser>(PRODUCTS_TOKENS.browser) : undefined;
  const routes = [
    ...productRoutes({
      catalog: container.get<ProductCatalog>(PRODUCTS_TOKENS.catalog),
      ...(browser ? { browser } : {}),
      prices: container.get<PriceQuoter>(PRICING_TOKENS.quoter),
      defaultCurrency,
    }),
    ...cartStreamRoutes(container.get<GetCart>(CART_TOKENS.getCart), feed),
  ];
  return { routes, feed };
}
