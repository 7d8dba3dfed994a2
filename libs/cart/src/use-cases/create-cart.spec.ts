import { guestPrincipal, isUuidV7, principalOf } from '@carteria/kernel';
import { AddItem } from './add-item.ts';
import { CheckOut } from './check-out.ts';
import { createCartTestKit, newCart } from './cart-test-kit.ts';
import { ClaimCart } from './claim-cart.ts';
import { cartKeyOf, CreateCart } from './create-cart.ts';
import { GetCart } from './get-cart.ts';
import { MergeCarts } from './merge-carts.ts';

describe('CreateCart', () => {
  it('opens an empty active cart owned by the caller, in the default currency', async () => {
    const kit = createCartTestKit({ defaultCurrency: 'SEK' });
    const { cart, cartToken } = await new CreateCart(kit.deps).execute({ principal: kit.alice });
    expect(isUuidV7(cart.id)).toBe(true);
    expect(cart).toMatchObject({ ownerId: kit.alice.subject, guestKey: null, currency: 'SEK', version: 1, status: 'active', lines: [] });
    expect(cartToken).toBeUndefined();
    expect(await kit.carts.findById(cart.id)).toEqual(cart);
  });

  it('uses the currency the caller names', async () => {
    const kit = createCartTestKit();
    expect((await newCart(kit.deps, kit.alice, 'USD')).currency).toBe('USD');
  });
});

describe('guest carts', () => {
  async function guestCart() {
    const kit = createCartTestKit();
    const { cart, cartToken } = await new CreateCart(kit.deps).execute({ principal: guestPrincipal() });
    if (!cartToken) throw new Error('a guest cart comes with a token');
    return { kit, cart, cartToken, guest: guestPrincipal(cartKeyOf(cartToken)) };
  }

  it('gives a caller without sign-in a cart with a secret token, storing only its hash', async () => {
    const { cart, cartToken } = await guestCart();
    expect(cart).toMatchObject({ ownerId: null, guestKey: cartKeyOf(cartToken) });
    expect(cartToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cart.guestKey).not.toContain(cartToken);
  });

  it('opens the cart to its token holder only', async () => {
    const { kit, cart, guest } = await guestCart();
    await new AddItem(kit.deps).execute({ principal: guest, cartId: cart.id, productId: 'a', quantity: 1 });
    expect(await new GetCart(kit.deps).execute({ principal: guest, cartId: cart.id })).toMatchObject({ version: 2 });
    for (const stranger of [guestPrincipal(cartKeyOf('another token')), guestPrincipal(), kit.bob]) {
      await expect(new GetCart(kit.deps).execute({ principal: stranger, cartId: cart.id })).rejects.toMatchObject({
        code: 'CART_NOT_FOUND',
      });
    }
  });

  it('is claimed by a signed-in token holder, once; the token stops working', async () => {
    const { kit, cart, guest, cartToken } = await guestCart();
    const alice = { ...kit.alice, cartKey: cartKeyOf(cartToken) };
    const claimed = await new ClaimCart(kit.deps).execute({ principal: alice, cartId: cart.id });
    expect(claimed).toMatchObject({ ownerId: kit.alice.subject, guestKey: null, version: 2 });
    expect(await new ClaimCart(kit.deps).execute({ principal: alice, cartId: cart.id })).toMatchObject({ version: 2 });
    await expect(new GetCart(kit.deps).execute({ principal: guest, cartId: cart.id })).rejects.toMatchObject({ code: 'CART_NOT_FOUND' });
    await expect(new ClaimCart(kit.deps).execute({ principal: kit.bob, cartId: cart.id })).rejects.toMatchObject({
      code: 'CART_NOT_FOUND',
    });
    expect(kit.carts.eventsOf(cart.id).map((event) => event.type)).toEqual(['cart.created', 'cart.claimed']);
  });

  it('is merged into a customer cart: quantities add up to the limit, the guest cart goes', async () => {
    const { kit, cart: source, guest, cartToken } = await guestCart();
    const settings = { ...kit.deps, settings: { ...kit.deps.settings, maxQuantityPerLine: 5 } };
    await new AddItem(settings).execute({ principal: guest, cartId: source.id, productId: 'a', quantity: 4 });
    await new AddItem(settings).execute({ principal: guest, cartId: source.id, productId: 'b', quantity: 1 });
    const target = await newCart(kit.deps, kit.alice);
    await new AddItem(settings).execute({ principal: kit.alice, cartId: target.id, productId: 'a', quantity: 3 });

    const alice = { ...kit.alice, cartKey: cartKeyOf(cartToken) };
    const merged = await new MergeCarts(settings).execute({ principal: alice, cartId: target.id, sourceCartId: source.id });
    expect(merged.lines.map((line) => [line.productId, line.quantity])).toEqual([
      ['a', 5],
      ['b', 1],
    ]);
    expect(await kit.carts.findById(source.id)).toBeNull();
    expect(kit.carts.eventsOf(target.id).at(-1)).toMatchObject({ type: 'cart.merged', data: { sourceCartId: source.id, unitsLeftOut: 2 } });
    expect(kit.carts.eventsOf(source.id).at(-1)).toMatchObject({ type: 'cart.deleted', data: { mergedInto: target.id } });
  });

  it('never doubles lines when two merges race; the second finds the source gone', async () => {
    const { kit, cart: source, guest, cartToken } = await guestCart();
    await new AddItem(kit.deps).execute({ principal: guest, cartId: source.id, productId: 'a', quantity: 2 });
    const target = await newCart(kit.deps, kit.alice);
    const alice = { ...kit.alice, cartKey: cartKeyOf(cartToken) };
    const merge = () => new MergeCarts(kit.deps).execute({ principal: alice, cartId: target.id, sourceCartId: source.id });
    const outcomes = await Promise.allSettled([merge(), merge(), merge()]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect((await kit.carts.findById(target.id))?.lines).toMatchObject([{ productId: 'a', quantity: 2 }]);
  });

  it('refuses to merge a checked-out guest cart: it is frozen for the Orders service', async () => {
    const { kit, cart: source, guest, cartToken } = await guestCart();
    await new AddItem(kit.deps).execute({ principal: guest, cartId: source.id, productId: 'a', quantity: 1 });
    await new CheckOut(kit.deps).execute({ principal: guest, cartId: source.id, expectedVersion: 2 });
    const target = await newCart(kit.deps, kit.alice);
    const alice = { ...kit.alice, cartKey: cartKeyOf(cartToken) };
    await expect(
      new MergeCarts(kit.deps).execute({ principal: alice, cartId: target.id, sourceCartId: source.id }),
    ).rejects.toMatchObject({ code: 'CART_CHECKED_OUT' });
    expect(await kit.carts.findById(source.id)).toMatchObject({ status: 'checked_out' });
  });

  it('refuses to merge a cart the caller holds no token for, or a cart into itself', async () => {
    const { kit, cart: source } = await guestCart();
    const target = await newCart(kit.deps, kit.alice);
    await expect(
      new MergeCarts(kit.deps).execute({ principal: kit.alice, cartId: target.id, sourceCartId: source.id }),
    ).rejects.toMatchObject({ code: 'CART_NOT_FOUND' });
    await expect(
      new MergeCarts(kit.deps).execute({ principal: principalOf(kit.alice.subject), cartId: target.id, sourceCartId: target.id }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
