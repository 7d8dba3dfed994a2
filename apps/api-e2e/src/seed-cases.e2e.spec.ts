import { randomUUID } from 'node:crypto';
import { customerWithCart, type ApiClient, type ApiResponse } from './support/api-client.ts';
import { sellableIds } from './support/catalog.data.ts';
import { backends } from './support/e2e-environment.ts';
import { expectProblem } from './support/problem.assertions.ts';

// Real products of the embedded catalog (active, priced in EUR, in stock): the api refuses others.
const [first, second, third, fourth, fifth] = sellableIds(5) as [string, string, string, string, string];
/** Added first, yet sorts last: the cart must keep insertion order, not id order. */
const late = sellableIds(120).at(-1) ?? '';
const noMoney = { amount: 0, currency: 'EUR' };

/** Every endpoint that names a cart, as (client, cartId) => request. */
const cartOperations: [string, (client: ApiClient, cartId: string) => Promise<ApiResponse>][] = [
  ['GET the cart', (client, cartId) => client.getCart(cartId)],
  ['DELETE the cart', (client, cartId) => client.deleteCart(cartId)],
  ['POST an item', (client, cartId) => client.addItem(cartId, first, 1)],
  ['PUT a line quantity', (client, cartId) => client.setQuantity(cartId, first, 2)],
  ['DELETE a line', (client, cartId) => client.removeItem(cartId, first)],
  ['DELETE all items', (client, cartId) => client.emptyCart(cartId)],
];

describe.each(backends())('seed cases ($name)', (backend) => {
  it('a new cart has no items', async () => {
    const { client, cart } = await customerWithCart(backend);

    const read = await client.getCart(cart.id);

    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([]);
    expect(read.body.totals).toEqual({ lines: 0, quantity: 0, subtotal: noMoney });
  });

  it('two products keep the order in which they were added', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, late, 1);
    await client.addItem(cart.id, first, 2);
    await client.addItem(cart.id, late, 1);

    const read = await client.getCart(cart.id);

    expect(read.body.items.map(({ productId, quantity }) => ({ productId, quantity }))).toEqual([
      { productId: late, quantity: 2 },
      { productId: first, quantity: 2 },
    ]);
  });

  it('adding 1 then 9 units of one product gives one line of 10', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, second, 1);
    const grown = await client.addItem(cart.id, second, 9);

    expect(grown.status).toBe(200);
    expect(grown.body.items).toEqual([expect.objectContaining({ productId: second, quantity: 10 })]);
    expect(grown.body.totals).toEqual(expect.objectContaining({ lines: 1, quantity: 10 }));
    expect((await client.getCart(cart.id)).body).toEqual(grown.body);
  });

  it('removing one line keeps the other', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, third, 3);
    await client.addItem(cart.id, fourth, 1);

    const removed = await client.removeItem(cart.id, fourth);

    expect(removed.status).toBe(200);
    expect(removed.body.items).toEqual([expect.objectContaining({ productId: third, quantity: 3 })]);
    expect((await client.getCart(cart.id)).body.items.map((item) => item.productId)).toEqual([third]);
  });

  it('emptying a cart removes every line and keeps the cart', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, fourth, 1);
    await client.addItem(cart.id, fifth, 2);

    const emptied = await client.emptyCart(cart.id);

    expect(emptied.status).toBe(200);
    expect(emptied.body).toEqual(expect.objectContaining({ id: cart.id, items: [], totals: { lines: 0, quantity: 0, subtotal: noMoney } }));
    const read = await client.getCart(cart.id);
    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([]);
  });

  it.each(cartOperations)('an unknown cart: %s answers 404 CART_NOT_FOUND', async (_name, operation) => {
    const { client } = await customerWithCart(backend);

    expectProblem(await operation(client, randomUUID()), 404, 'CART_NOT_FOUND');
  });

  it.each(cartOperations)('a deleted cart: %s answers 404 CART_NOT_FOUND', async (_name, operation) => {
    const { client, cart } = await customerWithCart(backend);
    expect((await client.addItem(cart.id, first, 1)).status).toBe(200);
    expect((await client.deleteCart(cart.id)).status).toBe(204);

    expectProblem(await operation(client, cart.id), 404, 'CART_NOT_FOUND');
  });
});
