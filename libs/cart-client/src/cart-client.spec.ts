import { randomUUID } from 'node:crypto';
import { apiUnderTest, sellableIds, signToken } from '../test/api-under-test.ts';
import { CartNotFoundError } from './cart-api.errors.ts';
import { createCartClient } from './cart-client.ts';

const [p1, p2, p3] = sellableIds(3) as [string, string, string];
const quantities = (cart: { items: readonly { productId: string; quantity: number }[] }) =>
  Object.fromEntries(cart.items.map((item) => [item.productId, item.quantity]));

async function customer(userId = randomUUID()) {
  return { userId, client: createCartClient({ baseUrl: apiUnderTest().baseUrl, token: await signToken(userId) }) };
}

describe('createCartClient against a started api', () => {
  it('creates, reads, adds, sets, removes, empties and deletes, each answer carrying the version', async () => {
    const { client, userId } = await customer();

    const created = await client.createCart({ currency: 'EUR' });
    expect(created).toEqual(expect.objectContaining({ ownerId: userId, status: 'active', currency: 'EUR', version: 1, items: [] }));
    expect(created.cartToken).toBeUndefined();
    expect(await client.getCart(created.id)).toEqual(expect.objectContaining({ id: created.id, version: 1 }));

    const added = await client.addItem(created.id, { productId: p1, quantity: 2 });
    const again = await client.addItem(created.id, { productId: p1, quantity: 1 }, { ifMatch: added.version });
    expect(quantities(again)).toEqual({ [p1]: 3 });
    expect(again.version).toBe(3);

    const set = await client.setItemQuantity(created.id, p2, 4, { ifMatch: again.version });
    expect(quantities(set)).toEqual({ [p1]: 3, [p2]: 4 });
    expect(set.totals).toEqual(expect.objectContaining({ lines: 2, quantity: 7 }));

    const removed = await client.removeItem(created.id, p1);
    expect(quantities(removed)).toEqual({ [p2]: 4 });
    const emptied = await client.emptyCart(created.id, { ifMatch: removed.version });
    expect(emptied.items).toEqual([]);

    await client.deleteCart(created.id, { ifMatch: emptied.version });
    await expect(client.getCart(created.id)).rejects.toBeInstanceOf(CartNotFoundError);
  });

  it('reads with If-None-Match: null while the version is current, the cart once it moved', async () => {
    const { client } = await customer();
    const cart = await client.createCart();

    expect(await client.getCartIfChanged(cart.id, cart.version)).toBeNull();
    const changed = await client.addItem(cart.id, { productId: p1, quantity: 1 });
    expect(await client.getCartIfChanged(cart.id, cart.version)).toEqual(expect.objectContaining({ version: changed.version }));
  });

  it('checks out at the confirmed version and returns the frozen snapshot', async () => {
    const { client, userId } = await customer();
    const cart = await client.createCart();
    await client.addItem(cart.id, { productId: p1, quantity: 2 });
    const confirmed = await client.addItem(cart.id, { productId: p3, quantity: 1 });

    const checkout = await client.checkOut(cart.id, { ifMatch: confirmed.version });

    expect(checkout).toEqual(
      expect.objectContaining({ cartId: cart.id, ownerId: userId, confirmedVersion: confirmed.version, currency: 'EUR' }),
    );
    expect(checkout.lines.map((line) => [line.productId, line.quantity])).toEqual([
      [p1, 2],
      [p3, 1],
    ]);
    expect(checkout.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await client.getCart(cart.id)).status).toBe('checked_out');
    // A retry of a finished checkout returns the same checkout.
    expect(await client.checkOut(cart.id, { ifMatch: confirmed.version })).toEqual(checkout);
  });

  it("lists a user's carts newest first, page by page, and a cart's events", async () => {
    const { client, userId } = await customer();
    const first = await client.createCart();
    const second = await client.createCart();
    await client.addItem(first.id, { productId: p2, quantity: 1 });

    const page = await client.listUserCarts(userId, { limit: 1 });
    expect(page.items.map((cart) => cart.id)).toEqual([second.id]);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = await client.listUserCarts(userId, { limit: 1, cursor: page.nextCursor ?? '' });
    expect(next.items.map((cart) => cart.id)).toEqual([first.id]);

    const events = await client.listCartEvents(first.id);
    expect(events.items.map((event) => event.type)).toEqual(['cart.created', 'cart.item_added']);
  });

  it('gives the typed openapi-fetch client underneath, with the same credentials', async () => {
    const { client } = await customer();
    const cart = await client.createCart();
    const { data, response } = await client.raw.GET('/v1/carts/{cartId}', { params: { path: { cartId: cart.id } } });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${cart.version}"`);
    expect(data?.id).toBe(cart.id);
  });
});
