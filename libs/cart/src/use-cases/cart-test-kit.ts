import { principalOf, type Principal } from '@carteria/kernel';
import { fixedClock } from '@carteria/testing';
import { InMemoryCartRepository } from '../adapters/in-memory-cart.repository.ts';
import { InMemoryProducts } from '../adapters/in-memory-products.ts';
import { defaultCartSettings, type CartSettings } from '../domain/cart-settings.ts';
import type { CartAccessPolicy } from '../ports/cart-access-policy.ts';
import type { CartDependencies } from './cart-dependencies.ts';

/** Owners may do anything with their carts; `carts:read` may read and list any. */
export const ownerPolicy: CartAccessPolicy = {
  async decide(principal, action, ownerId) {
    if (ownerId !== null && ownerId === principal.subject) return true;
    return principal.scopes.has('carts:read') && (action === 'cart.read' || action === 'carts.list');
  },
};

export interface CartTestKit {
  readonly deps: CartDependencies;
  readonly carts: InMemoryCartRepository;
  readonly products: InMemoryProducts;
  readonly alice: Principal;
  readonly bob: Principal;
  readonly reader: Principal;
}

/** Use-case dependencies over in-memory carts and products, a fixed clock and three callers. */
export function createCartTestKit(settings: Partial<CartSettings> = {}): CartTestKit {
  const carts = new InMemoryCartRepository();
  const products = new InMemoryProducts();
  return {
    deps: {
      carts,
      policy: ownerPolicy,
      catalog: products,
      prices: products,
      clock: fixedClock('2026-11-21T10:00:00.000Z'),
      settings: { ...defaultCartSettings, ...settings },
    },
    carts,
    products,
    alice: principalOf('0193a0c4-6b1e-7c2a-9f00-000000000a11'),
    bob: principalOf('0193a0c4-6b1e-7c2a-9f00-000000000b0b'),
    reader: principalOf('0193a0c4-6b1e-7c2a-9f00-0000000000ee', ['carts:read']),
  };
}
