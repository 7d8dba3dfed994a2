import { randomUUID } from 'node:crypto';
import { apiUnderTest, sellableIds, signToken } from '../test/api-under-test.ts';
import { CartNotFoundError, UnauthenticatedError } from './cart-api.errors.ts';
import { createCartClient } from './cart-client.ts';

const [p1, p2] = sellableIds(2) as [string, string];
const baseUrl = () => apiUnderTest().baseUrl;

describe('guest carts', () => {
  it('keeps the cartToken from create and sends it as Cart-Token on every call for that cart', async () => {
    const guest = createCartClient({ baseUrl: baseUrl() });

    const cart = await guest.createCart();
    expect(cart.ownerId).toBeNull();
    expect(cart.cartToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(guest.cartTokenOf(cart.id)).toBe(cart.cartToken);

    const added = await guest.addItem(cart.id, { productId: p1, quantity: 2 });
    expect(added.items).toEqual([expect.objectContaining({ productId: p1, quantity: 2 })]);
    expect((await guest.getCart(cart.id)).version).toBe(added.version);

    const stranger = createCartClient({ baseUrl: baseUrl() });
    await expect(stranger.getCart(cart.id)).rejects.toBeInstanceOf(UnauthenticatedError);
    // The token, kept by the caller (say in localStorage), works from another client.
    const later = createCartClient({ baseUrl: baseUrl(), cartTokens: { [cart.id]: cart.cartToken ?? '' } });
    expect((await later.getCart(cart.id)).items).toHaveLength(1);
  });

  it('lets a signed-in customer claim a guest cart; the token is dropped', async () => {
    const guest = createCartClient({ baseUrl: baseUrl() });
    const cart = await guest.createCart();
    await guest.addItem(cart.id, { productId: p1, quantity: 1 });
    const userId = randomUUID();
    const customer = createCartClient({ baseUrl: baseUrl(), token: await signToken(userId) });

    const claimed = await customer.claimCart(cart.id, { cartToken: guest.cartTokenOf(cart.id) ?? '' });

    expect(claimed.ownerId).toBe(userId);
    expect(customer.cartTokenOf(cart.id)).toBeUndefined();
    expect((await customer.getCart(cart.id)).ownerId).toBe(userId);
  });

  it("merges a guest cart into the customer's own with the guest cart's token; the guest cart is gone", async () => {
    const userId = randomUUID();
    const customer = createCartClient({ baseUrl: baseUrl(), token: await signToken(userId) });
    const own = await customer.createCart();
    await customer.addItem(own.id, { productId: p1, quantity: 1 });
    const anonymous = createCartClient({ baseUrl: baseUrl() });
    const guestCart = await anonymous.createCart();
    await anonymous.addItem(guestCart.id, { productId: p1, quantity: 2 });
    await anonymous.addItem(guestCart.id, { productId: p2, quantity: 1 });
    customer.rememberCartToken(guestCart.id, anonymous.cartTokenOf(guestCart.id) ?? '');

    const merged = await customer.mergeCarts(own.id, guestCart.id);

    expect(merged.items.map((item) => [item.productId, item.quantity])).toEqual([
      [p1, 3],
      [p2, 1],
    ]);
    expect(customer.cartTokenOf(guestCart.id)).toBeUndefined();
    await expect(anonymous.getCart(guestCart.id)).rejects.toBeInstanceOf(CartNotFoundError);
  });
});
