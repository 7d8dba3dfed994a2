import { principalOf, type Principal } from '@carteria/kernel';
import { fixedClock } from '@carteria/testing';
import { InMemoryCartRepository } from '../adapters/in-memory-cart.repository.ts';
import { InMemoryProducts } from '../adapters/in-memory-products.ts';
import { defaultCartSettings, type CartSettings } from '../domain/cart-settings.ts';
import type { CartAccessPolicy } from '../ports/cart-access-policy.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import { CreateCart } from './create-cart.ts';

/** Owners may do anything with their carts; `carts:read` may read and list any. */
export const ownerPolicy: CartAccessPolicy = {
  async decide(principal, action, ownerId) {
    if (ownerId !== null && ownerId === principal.subject) return true;
    return principal.scopes.has('carts:read') && (action === 'cart.read' || action === 'carts.list');
  },
};

/** A signed-in caller: tests use the subject as an owner id. */
export type UserPrincipal = Principal & { readonly subject: string };

export interface CartTestKit {
  readonly deps: CartDependencies;
  readonly carts: InMemoryCartRepository;
  readonly products: InMemoryProducts;
  readonly alice: UserPrincipal;
  readonly bob: UserPrincipal;
  readonly reader: UserPrincipal;
}

/** A new empty cart of `principal`, as CreateCart makes it. */
export async function newCart(deps: CartDependencies, principal: Principal, currency?: string): Promise<CartSnapshot> {
  const { cart } = await new CreateCart(deps).execute({ principal, ...(currency ? { currency } : {}) });
  return cart;
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
    alice: user('0193a0c4-6b1e-7c2a-9f00-000000000a11'),
    bob: user('0193a0c4-6b1e-7c2a-9f00-000000000b0b'),
    reader: user('0193a0c4-6b1e-7c2a-9f00-0000000000ee', ['carts:read']),
  };
}

function user(subject: string, scopes: string[] = []): UserPrincipal {
  return { ...principalOf(subject, scopes), subject };
}
