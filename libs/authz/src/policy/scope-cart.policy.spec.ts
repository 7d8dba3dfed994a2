import { principalOf } from '@carteria/kernel';
import type { Principal } from '@carteria/kernel';
import { CART_ACTIONS } from './cart-action.ts';
import type { CartAction } from './cart-action.ts';
import { CART_SCOPES } from './cart-scopes.ts';
import { ScopeCartPolicy } from './scope-cart.policy.ts';

const ME = '5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60';
const SOMEONE_ELSE = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11';

type Caller = 'customer' | 'reader' | 'checkout' | 'admin';
type Cart = 'own' | 'other' | 'guest';

const CALLERS: Readonly<Record<Caller, Principal>> = {
  customer: principalOf(ME),
  reader: principalOf(ME, [CART_SCOPES.read]),
  checkout: principalOf(ME, [CART_SCOPES.checkout]),
  admin: principalOf(ME, [CART_SCOPES.admin]),
};

const OWNER: Readonly<Record<Cart, string | null>> = { own: ME, other: SOMEONE_ELSE, guest: null };

/**
 * API.md "who may do what", one row per action and caller: may it act on [its own, someone
 * else's, a guest] cart. For create and list, the "cart" is the user the cart is for / listed.
 */
const Y = true;
const n = false;
const TABLE: Readonly<Record<CartAction, Readonly<Record<Caller, readonly [boolean, boolean, boolean]>>>> = {
  //                 customer      reader        checkout      admin
  'cart.create': { customer: [Y, n, n], reader: [Y, n, n], checkout: [Y, n, n], admin: [Y, Y, Y] },
  'cart.read': { customer: [Y, n, n], reader: [Y, Y, Y], checkout: [Y, n, n], admin: [Y, Y, Y] },
  'cart.change': { customer: [Y, n, n], reader: [Y, n, n], checkout: [Y, n, n], admin: [Y, Y, Y] },
  'cart.delete': { customer: [Y, n, n], reader: [Y, n, n], checkout: [Y, n, n], admin: [Y, Y, Y] },
  'cart.checkout': { customer: [Y, n, n], reader: [Y, n, n], checkout: [Y, Y, Y], admin: [Y, Y, Y] },
  'carts.list': { customer: [Y, n, n], reader: [Y, Y, Y], checkout: [Y, n, n], admin: [Y, Y, Y] },
};

const CASES = CART_ACTIONS.flatMap((action) =>
  (Object.keys(CALLERS) as Caller[]).flatMap((caller) =>
    (['own', 'other', 'guest'] as const).map((cart, i) => [action, caller, cart, TABLE[action][caller][i]] as const),
  ),
);

describe('ScopeCartPolicy', () => {
  const policy = new ScopeCartPolicy();

  it('is tested for every action, caller and kind of cart', () => {
    expect(CART_ACTIONS).toHaveLength(6);
    expect(CASES).toHaveLength(6 * 4 * 3);
  });

  it.each(CASES)('%s by a %s on a cart that is %s: %s', async (action, caller, cart, allowed) => {
    await expect(policy.decide(CALLERS[caller], action, OWNER[cart])).resolves.toBe(allowed);
  });

  it('grants the union of several scopes', async () => {
    const orders = principalOf(ME, [CART_SCOPES.read, CART_SCOPES.checkout]);
    await expect(policy.decide(orders, 'cart.read', SOMEONE_ELSE)).resolves.toBe(true);
    await expect(policy.decide(orders, 'cart.checkout', SOMEONE_ELSE)).resolves.toBe(true);
    await expect(policy.decide(orders, 'cart.change', SOMEONE_ELSE)).resolves.toBe(false);
    await expect(policy.decide(orders, 'cart.delete', SOMEONE_ELSE)).resolves.toBe(false);
  });

  it('knows no other scopes, and matches scope names exactly', async () => {
    for (const scope of ['carts:write', 'carts:*', 'CARTS:ADMIN', 'carts:admin ', 'admin']) {
      for (const action of CART_ACTIONS) {
        await expect(policy.decide(principalOf(ME, [scope]), action, SOMEONE_ELSE)).resolves.toBe(false);
      }
    }
  });

  it('refuses an action it does not know, even to an admin on its own cart', async () => {
    for (const action of ['cart.explode', 'constructor', '__proto__', 'toString']) {
      await expect(policy.decide(CALLERS.admin, action as string as CartAction, ME)).resolves.toBe(false);
    }
  });

  it('grants nothing by ownership to an empty subject', async () => {
    await expect(policy.decide(principalOf(''), 'cart.read', '')).resolves.toBe(false);
  });
});
