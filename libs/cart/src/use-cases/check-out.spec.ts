import { money } from '@carteria/kernel';
import { AddItem } from './add-item.ts';
import { newCart, createCartTestKit, type CartTestKit } from './cart-test-kit.ts';
import { CheckOut, type CheckoutOutcome } from './check-out.ts';
import type { Checkout } from '../domain/checkout.ts';

async function cartWithTwoLines(kit: CartTestKit) {
  kit.products.put('a', { name: 'Cup', prices: [money(1250, 'EUR')] });
  kit.products.put('b', { name: 'Saucer', prices: [money(500, 'EUR')] });
  const { id } = await newCart(kit.deps, kit.alice);
  await new AddItem(kit.deps).execute({ principal: kit.alice, cartId: id, productId: 'a', quantity: 2 });
  const cart = await new AddItem(kit.deps).execute({ principal: kit.alice, cartId: id, productId: 'b', quantity: 1 });
  return cart;
}

async function checkedOut(outcome: Promise<CheckoutOutcome>): Promise<Checkout> {
  const result = await outcome;
  if (result.outcome !== 'checked_out') throw new Error(`expected a checkout, got ${result.outcome}`);
  return result.checkout;
}

describe('CheckOut', () => {
  it('freezes the confirmed cart and returns its checkout with a content hash', async () => {
    const kit = createCartTestKit();
    const cart = await cartWithTwoLines(kit);
    const checkout = await checkedOut(new CheckOut(kit.deps).execute({ principal: kit.alice, cartId: cart.id, expectedVersion: 3 }));
    expect(checkout).toMatchObject({
      cartId: cart.id,
      confirmedVersion: 3,
      version: 4,
      lines: [
        { productId: 'a', name: 'Cup', quantity: 2, unitPrice: money(1250, 'EUR'), lineTotal: money(2500, 'EUR') },
        { productId: 'b', name: 'Saucer', quantity: 1, unitPrice: money(500, 'EUR'), lineTotal: money(500, 'EUR') },
      ],
      totals: { lines: 2, quantity: 3, subtotal: money(3000, 'EUR') },
    });
    expect(checkout.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await kit.carts.findById(cart.id)).toMatchObject({ status: 'checked_out', version: 4 });
    expect(kit.carts.eventsOf(cart.id).at(-1)).toMatchObject({
      type: 'cart.checked_out',
      sequence: 4,
      data: { contentHash: checkout.contentHash, subtotal: money(3000, 'EUR') },
    });
  });

  it('answers a retry with the same checkout, and refuses later changes', async () => {
    const kit = createCartTestKit();
    const cart = await cartWithTwoLines(kit);
    const checkOut = new CheckOut(kit.deps);
    const first = await checkOut.execute({ principal: kit.alice, cartId: cart.id, expectedVersion: 3 });
    kit.products.put('a', { prices: [money(9999, 'EUR')] });
    expect(await checkOut.execute({ principal: kit.alice, cartId: cart.id, expectedVersion: 3 })).toEqual(first);
    expect(first.outcome).toBe('checked_out');
    await expect(
      new AddItem(kit.deps).execute({ principal: kit.alice, cartId: cart.id, productId: 'a', quantity: 1 }),
    ).rejects.toThrow(expect.objectContaining({ code: 'CART_CHECKED_OUT' }));
  });

  it('runs once when duplicates race', async () => {
    const kit = createCartTestKit();
    const cart = await cartWithTwoLines(kit);
    const checkOut = new CheckOut(kit.deps);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => checkedOut(checkOut.execute({ principal: kit.alice, cartId: cart.id, expectedVersion: 3 }))),
    );
    expect(new Set(results.map((result) => result.contentHash)).size).toBe(1);
    expect(kit.carts.eventsOf(cart.id).filter((event) => event.type === 'cart.checked_out')).toHaveLength(1);
  });

  it('refuses when a price moved, keeps the cart active with fresh prices, and lists what changed', async () => {
    const kit = createCartTestKit();
    const cart = await cartWithTwoLines(kit);
    kit.products.put('a', { name: 'Cup', prices: [money(1400, 'EUR')] });
    const outcome = await new CheckOut(kit.deps).execute({ principal: kit.alice, cartId: cart.id, expectedVersion: 3 });
    expect(outcome).toMatchObject({
      outcome: 'changed',
      changes: [{ productId: 'a', problem: 'price_changed', previousUnitPrice: money(1250, 'EUR'), unitPrice: money(1400, 'EUR') }],
      cart: { version: 4 },
    });
    const stored = await kit.carts.findById(cart.id);
    expect(stored).toMatchObject({ status: 'active', version: 4 });
    expect(stored?.lines[0]).toMatchObject({ unitPrice: money(1400, 'EUR'), addedUnitPrice: money(1250, 'EUR') });
    const checkout = await checkedOut(new CheckOut(kit.deps).execute({ principal: kit.alice, cartId: cart.id, expectedVersion: 4 }));
    expect(checkout.totals.subtotal).toEqual(money(3300, 'EUR'));
  });

  it('refuses while a product is gone, without changing the cart when nothing else moved', async () => {
    const kit = createCartTestKit();
    const cart = await cartWithTwoLines(kit);
    kit.products.drop('b');
    await expect(new CheckOut(kit.deps).execute({ principal: kit.alice, cartId: cart.id, expectedVersion: 3 })).resolves.toMatchObject({
      outcome: 'changed',
      changes: [{ productId: 'b', problem: 'product_not_found', unitPrice: null }],
    });
    expect(await kit.carts.findById(cart.id)).toMatchObject({ status: 'active', version: 3 });
  });

  it.each([
    [undefined, 'IF_MATCH_REQUIRED'],
    [2, 'CART_VERSION_MISMATCH'],
  ])('with If-Match %p answers %s', async (expectedVersion, code) => {
    const kit = createCartTestKit();
    const cart = await cartWithTwoLines(kit);
    await expect(
      new CheckOut(kit.deps).execute({ principal: kit.alice, cartId: cart.id, ...(expectedVersion ? { expectedVersion } : {}) }),
    ).rejects.toMatchObject({ code });
  });

  it('lets carts:checkout check out any cart, refuses an empty cart and strangers', async () => {
    const kit = createCartTestKit();
    const cart = await cartWithTwoLines(kit);
    await expect(new CheckOut(kit.deps).execute({ principal: kit.bob, cartId: cart.id, expectedVersion: 3 })).rejects.toMatchObject({
      code: 'CART_NOT_FOUND',
    });
    const empty = await newCart(kit.deps, kit.alice);
    await expect(new CheckOut(kit.deps).execute({ principal: kit.alice, cartId: empty.id, expectedVersion: 1 })).rejects.toMatchObject({
      code: 'CART_EMPTY',
    });
  });
});
