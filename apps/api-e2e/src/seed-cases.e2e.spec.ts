import { randomUUID } from 'node:crypto';
import { customerWithCart, type ApiClient, type ApiResponse } from './support/api-client.ts';
import { backends } from './support/e2e-environment.ts';
import { expectProblem } from './support/problem.assertions.ts';

/** Every endpoint that names a cart, as (client, cartId) => request. */
const cartOperations: [string, (client: ApiClient, cartId: string) => Promise<ApiResponse>][] = [
  ['GET the cart', (client, cartId) => client.getCart(cartId)],
  ['DELETE the cart', (client, cartId) => client.deleteCart(cartId)],
  ['POST an item', (client, cartId) => client.addItem(cartId, 'sku-1', 1)],
  ['PUT a line quantity', (client, cartId) => client.setQuantity(cartId, 'sku-1', 2)],
  ['DELETE a line', (client, cartId) => client.removeItem(cartId, 'sku-1')],
  ['DELETE all items', (client, cartId) => client.emptyCart(cartId)],
];

describe.each(backends())('seed cases ($name)', (backend) => {
  it('a new cart has no items', async () => {
    const { client, cart } = await customerWithCart(backend);

    const read = await client.getCart(cart.id);

    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([]);
    expect(read.body.totals).toEqual({ lines: 0, quantity: 0 });
  });

  it('two products keep the order in which they were added', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, 'zz-last-alphabetically', 1);
    await client.addItem(cart.id, 'aa-first-alphabetically', 2);
    await client.addItem(cart.id, 'zz-last-alphabetically', 1);

    const read = await client.getCart(cart.id);

    expect(read.body.items.map(({ productId, quantity }) => ({ productId, quantity }))).toEqual([
      { productId: 'zz-last-alphabetically', quantity: 2 },
      { productId: 'aa-first-alphabetically', quantity: 2 },
    ]);
  });

  it('adding 1 then 9 units of one product gives one line of 10', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, 'sku-10', 1);
    const second = await client.addItem(cart.id, 'sku-10', 9);

    expect(second.status).toBe(200);
    expect(second.body.items).toEqual([expect.objectContaining({ productId: 'sku-10', quantity: 10 })]);
    expect(second.body.totals).toEqual({ lines: 1, quantity: 10 });
    expect((await client.getCart(cart.id)).body).toEqual(second.body);
  });

  it('removing one line keeps the other', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, 'keep-me', 3);
    await client.addItem(cart.id, 'remove-me', 1);

    const removed = await client.removeItem(cart.id, 'remove-me');

    expect(removed.status).toBe(200);
    expect(removed.body.items).toEqual([expect.objectContaining({ productId: 'keep-me', quantity: 3 })]);
    expect((await client.getCart(cart.id)).body.items.map((item) => item.productId)).toEqual(['keep-me']);
  });

  it('emptying a cart removes every line and keeps the cart', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, 'sku-a', 1);
    await client.addItem(cart.id, 'sku-b', 2);

    const emptied = await client.emptyCart(cart.id);

    expect(emptied.status).toBe(200);
    expect(emptied.body).toEqual(expect.objectContaining({ id: cart.id, items: [], totals: { lines: 0, quantity: 0 } }));
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
    await client.addItem(cart.id, 'sku-1', 1);
    expect((await client.deleteCart(cart.id)).status).toBe(204);

    expectProblem(await operation(client, cart.id), 404, 'CART_NOT_FOUND');
  });
});
