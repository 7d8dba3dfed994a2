import type { Clock } from '@carteria/kernel';
import type { CartSettings } from '../domain/cart-settings.ts';
import type { CartAccessPolicy } from '../ports/cart-access-policy.ts';
import type { CartRepository } from '../ports/cart.repository.ts';
import type { PriceQuoter } from '../ports/price-quoter.ts';
import type { ProductCatalog } from '../ports/product-catalog.ts';

/** What every cart use case is built from. */
export interface CartDependencies {
  readonly carts: CartRepository;
  readonly policy: CartAccessPolicy;
  readonly catalog: ProductCatalog;
  readonly prices: PriceQuoter;
  readonly clock: Clock;
  readonly settings: CartSettings;
}
