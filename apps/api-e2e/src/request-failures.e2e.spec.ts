import { customerWithCart, newCustomer } from './support/api-client.ts';
import { sellableIds } from './support/catalog.data.ts';
import { backends } from './support/e2e-environment.ts';
import { expectProblem } from './support/problem.assertions.ts';

/** 102 distinct real products (active, priced in EUR, in stock), enough to pass the 100-line limit. */
const products = sellableIds(102);
const sku = products[0] ?? '';

describe.each(backends())('malformed and refused requests ($name)', (backend) => {
  it('malformed JSON answers 400 MALFORMED_JSON and changes nothing', async () => {
    const { client, cart } = await customerWithCart(backend);

    const response = await client.request('POST', `/v1/carts/${cart.id}/items`, {
      body: `{"productId": "${sku}", "quantity": `,
      headers: { 'content-type': 'application/json' },
    });

    expectProblem(response, 400, 'MALFORMED_JSON');
    expect((await client.getCart(cart.id)).body.version).toBe(1);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
    'a body sent as %s answers 415',
    async (contentType) => {
      const { client, cart } = await customerWithCart(backend);

      const response = await client.request('POST', `/v1/carts/${cart.id}/items`, {
        body: JSON.stringify({ productId: sku, quantity: 1 }),
        headers: { 'content-type': contentType },
      });

      expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect((await client.getCart(cart.id)).body.items).toEqual([]);
    },
  );

  it('a body over 16 KiB answers 413; one just under is read', async () => {
    const { client, cart } = await customerWithCart(backend);
    const padded = (bytes: number) => {
      const base = JSON.stringify({ productId: sku, quantity: 1, padding: '' });
      return JSON.stringify({ productId: sku, quantity: 1, padding: 'x'.repeat(bytes - base.length) });
    };
    const headers = { 'content-type': 'application/json' };

    const tooLarge = await client.request('POST', `/v1/carts/${cart.id}/items`, { body: padded(16 * 1024 + 1), headers });
    const underLimit = await client.request('POST', `/v1/carts/${cart.id}/items`, { body: padded(16 * 1024), headers });

    expectProblem(tooLarge, 413, 'PAYLOAD_TOO_LARGE');
    // Read, then refused for its unknown field: the size alone did not stop it.
    expectProblem(underLimit, 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['a cart id that is not a UUID', 'GET', '/v1/carts/not-a-uuid'],
    ['a cart id with a trailing character', 'GET', '/v1/carts/0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11x'],
    ['a cart id on a mutation', 'DELETE', '/v1/carts/12345/items'],
    ['a cart id on delete', 'DELETE', '/v1/carts/12345'],
    ['a product id with a space', 'PUT', '/v1/carts/0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11/items/bad%20id'],
    ['a product id of 65 characters', 'DELETE', `/v1/carts/0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11/items/${'p'.repeat(65)}`],
    ['a user id that is not a UUID', 'GET', '/v1/users/me/carts'],
  ])('%s in the path answers 400, not 404', async (_name, method, path) => {
    const { client } = await newCustomer(backend);

    const response = await client.request(method, path, method === 'PUT' ? { json: { quantity: 1 } } : {});

    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors?.[0]?.pointer).toMatch(/^\/path\//);
  });

  it('a product id in the body is checked like one in the path', async () => {
    const { client, cart } = await customerWithCart(backend);

    expectProblem(await client.addItem(cart.id, 'has space', 1), 400, 'VALIDATION_FAILED');
    expectProblem(await client.addItem(cart.id, '', 1), 400, 'VALIDATION_FAILED');
    // Every allowed character passes validation; the catalog then has no such product.
    expectProblem(await client.addItem(cart.id, 'A-z.0-9:x', 1), 422, 'PRODUCT_NOT_FOUND');
    expect((await client.getCart(cart.id)).body.version).toBe(1);
  });

  it.each([
    ['0', 0],
    ['a negative number', -1],
    ['a fraction', 1.5],
    ['a numeric string', '2'],
    ['null', null],
    ['a huge number', 1e21],
  ])('quantity %s on add answers 400 VALIDATION_FAILED and changes nothing', async (_name, quantity) => {
    const { client, cart } = await customerWithCart(backend);

    const problem = expectProblem(await client.addItem(cart.id, sku, quantity), 400, 'VALIDATION_FAILED');

    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/body/quantity' })]);
    expect((await client.getCart(cart.id)).body.version).toBe(1);
  });

  it.each([
    ['a negative number', -1],
    ['a fraction', 0.5],
    ['a string', 'one'],
  ])('quantity %s on set answers 400', async (_name, quantity) => {
    const { client, cart } = await customerWithCart(backend);

    expectProblem(await client.setQuantity(cart.id, sku, quantity), 400, 'VALIDATION_FAILED');
  });

  it('a missing body or missing fields on add answer 400', async () => {
    const { client, cart } = await customerWithCart(backend);

    expectProblem(await client.request('POST', `/v1/carts/${cart.id}/items`), 400, 'VALIDATION_FAILED');
    expectProblem(await client.request('POST', `/v1/carts/${cart.id}/items`, { json: { quantity: 1 } }), 400, 'VALIDATION_FAILED');
    expectProblem(await client.request('POST', `/v1/carts/${cart.id}/items`, { json: [] }), 400, 'VALIDATION_FAILED');
  });

  it('1000 units on one line answer 422 QUANTITY_LIMIT_EXCEEDED naming 999, at once or in steps', async () => {
    const { client, cart } = await customerWithCart(backend);

    const atOnce = expectProblem(await client.addItem(cart.id, sku, 1000), 422, 'QUANTITY_LIMIT_EXCEEDED');
    expect((await client.addItem(cart.id, sku, 999)).status).toBe(200);
    const inSteps = expectProblem(await client.addItem(cart.id, sku, 1), 422, 'QUANTITY_LIMIT_EXCEEDED');
    const bySet = expectProblem(await client.setQuantity(cart.id, sku, 1000), 422, 'QUANTITY_LIMIT_EXCEEDED');

    for (const problem of [atOnce, inSteps, bySet]) expect(problem.detail).toContain('999');
    const read = await client.getCart(cart.id);
    expect(read.body).toEqual(expect.objectContaining({ version: 2, totals: expect.objectContaining({ lines: 1, quantity: 999 }) }));
  });

  it('the 101st line answers 422 LINE_LIMIT_EXCEEDED naming 100; existing lines still grow', async () => {
    const { client, cart } = await customerWithCart(backend);
    // One at a time: the concurrent case is the concurrency suite's.
    for (const productId of products.slice(0, 100)) expect((await client.addItem(cart.id, productId, 1)).status).toBe(200);

    const added = expectProblem(await client.addItem(cart.id, products[100] ?? '', 1), 422, 'LINE_LIMIT_EXCEEDED');
    const set = expectProblem(await client.setQuantity(cart.id, products[101] ?? '', 1), 422, 'LINE_LIMIT_EXCEEDED');
    const grown = await client.addItem(cart.id, sku, 1);

    expect(added.detail).toContain('100');
    expect(set.detail).toContain('100');
    expect(grown.status).toBe(200);
    expect(grown.body.totals).toEqual(expect.objectContaining({ lines: 100, quantity: 101 }));
  });

  it.each([
    ['add', 'POST', 'items', { productId: sku, quantity: 1, price: 1 }],
    ['set', 'PUT', `items/${sku}`, { quantity: 1, note: 'x' }],
  ])('an unknown field on %s answers 400 naming it', async (_name, method, suffix, json) => {
    const { client, cart } = await customerWithCart(backend);

    const problem = expectProblem(await client.request(method, `/v1/carts/${cart.id}/${suffix}`, { json }), 400, 'VALIDATION_FAILED');

    expect(problem.errors?.[0]?.pointer).toMatch(/^\/body/);
    expect(JSON.stringify(problem.errors)).toMatch(/price|note/);
  });

  it('an unknown field or a bad currency on create answers 400 and creates nothing', async () => {
    const { client, userId } = await newCustomer(backend);

    expectProblem(await client.createCart({ currency: 'EUR', ownerId: userId } as { currency: string }), 400, 'VALIDATION_FAILED');
    expectProblem(await client.createCart({ currency: 'XYZ' }), 400, 'VALIDATION_FAILED');
    expectProblem(await client.createCart({ currency: 'eur' }), 400, 'VALIDATION_FAILED');
    expect((await client.listCarts(userId)).body.items).toEqual([]);
  });

  it('an unknown query parameter on the list answers 400', async () => {
    const { client, userId } = await newCustomer(backend);

    expectProblem(await client.listCarts(userId, { sort: 'name' }), 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['GET', '/v1/nothing-here'],
    ['GET', '/v2/carts'],
    ['POST', '/v1/carts/0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11/unknown'],
  ])('an unknown route %s %s answers a 404 problem', async (method, path) => {
    const { client } = await newCustomer(backend);

    expectProblem(await client.request(method, path), 404, 'ROUTE_NOT_FOUND');
  });
});
