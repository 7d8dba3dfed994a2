import { randomUUID } from 'node:crypto';
import { ApiClient, customerWithCart, newCustomer, type ApiResponse } from './support/api-client.ts';
import { sellableIds } from './support/catalog.data.ts';
import { backends, type Backend } from './support/e2e-environment.ts';
import { expectProblem } from './support/problem.assertions.ts';
import { signToken } from './support/tokens.ts';

// Real products of the embedded catalog (active, priced in EUR, in stock): the api refuses others.
const [sku, other] = sellableIds(2) as [string, string];

/** Every cart mutation, as (client, cartId, headers) => request. */
const mutations: [string, (client: ApiClient, cartId: string, headers?: Record<string, string>) => Promise<ApiResponse>][] = [
  ['POST an item', (client, cartId, headers) => client.addItem(cartId, sku, 1, headers)],
  ['PUT a line quantity', (client, cartId, headers) => client.setQuantity(cartId, sku, 5, headers)],
  ['DELETE a line', (client, cartId, headers) => client.removeItem(cartId, sku, headers)],
  ['DELETE all items', (client, cartId, headers) => client.emptyCart(cartId, headers)],
  ['DELETE the cart', (client, cartId, headers) => client.deleteCart(cartId, headers)],
];

/** Tokens the api must refuse, each made for a fresh user. */
const badTokens: [string, () => Promise<string>][] = [
  ['a token signed with another secret', () => signToken(randomUUID(), { secret: 'another-secret-of-at-least-32-characters!!' })],
  ['an expired token', () => signToken(randomUUID(), { expiresInSeconds: -300 })],
  ['a token whose sub is not a UUID', () => signToken('alice')],
  ['a token that is not a JWT', () => Promise.resolve('not.a.jwt')],
  ['a JWT with its signature cut off', async () => (await signToken(randomUUID())).split('.').slice(0, 2).join('.') + '.'],
];

/** 401 problem+json with the challenge header. */
function expectUnauthorized(response: ApiResponse): void {
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(expect.objectContaining({ status: 401, code: 'UNAUTHENTICATED' }));
  expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
}

async function cartWithOneLine(backend: Backend) {
  const owner = await customerWithCart(backend);
  const added = await owner.client.addItem(owner.cart.id, sku, 2);
  return { ...owner, cart: added.body };
}

describe.each(backends())('authentication, ownership and versions ($name)', (backend) => {
  it('no token answers 401 with WWW-Authenticate: Bearer, on reads and writes (creating makes a guest cart instead)', async () => {
    const { cart } = await customerWithCart(backend);
    const anonymous = new ApiClient(backend.baseUrl);

    for (const response of [
      await anonymous.getCart(cart.id),
      await anonymous.addItem(cart.id, sku, 1),
      await anonymous.listCarts(randomUUID()),
    ]) {
      expectUnauthorized(response);
    }
  });

  it.each(badTokens)('%s answers 401 with WWW-Authenticate: Bearer', async (_name, makeToken) => {
    const { cart } = await customerWithCart(backend);
    const client = new ApiClient(backend.baseUrl, await makeToken());

    for (const response of [await client.getCart(cart.id), await client.addItem(cart.id, sku, 1), await client.createCart()]) {
      expectProblem(response, 401, 'UNAUTHENTICATED');
      expectUnauthorized(response);
    }
  });

  it('a non-Bearer Authorization scheme answers 401 with WWW-Authenticate: Bearer', async () => {
    const { client, cart, token } = await customerWithCart(backend);

    expectUnauthorized(await client.request('GET', `/v1/carts/${cart.id}`, { headers: { authorization: `Basic ${token}` } }));
  });

  it('a 401 for a missing or non-Bearer token explains itself in detail', async () => {
    const { cart, token } = await customerWithCart(backend);
    const anonymous = new ApiClient(backend.baseUrl);

    expectProblem(await anonymous.getCart(cart.id), 401, 'UNAUTHENTICATED');
    expectProblem(await anonymous.request('GET', `/v1/carts/${cart.id}`, { headers: { authorization: `Basic ${token}` } }), 401, 'UNAUTHENTICATED');
  });

  it("someone else's cart answers 404 CART_NOT_FOUND on read, exactly like a missing cart", async () => {
    const { cart } = await cartWithOneLine(backend);
    const stranger = await newCustomer(backend);

    const foreign = expectProblem(await stranger.client.getCart(cart.id), 404, 'CART_NOT_FOUND');
    const missing = expectProblem(await stranger.client.getCart(randomUUID()), 404, 'CART_NOT_FOUND');

    expect(Object.keys(foreign).sort()).toEqual(Object.keys(missing).sort());
  });

  it.each(mutations)("someone else's cart answers 404 on %s and stays unchanged", async (_name, mutate) => {
    const { client, cart } = await cartWithOneLine(backend);
    const stranger = await newCustomer(backend);

    expectProblem(await mutate(stranger.client, cart.id), 404, 'CART_NOT_FOUND');

    expect((await client.getCart(cart.id)).body).toStrictEqual(cart);
  });

  it("listing another user's carts answers 403 FORBIDDEN; with carts:read it answers 200", async () => {
    const owner = await cartWithOneLine(backend);
    const stranger = await newCustomer(backend);
    const usersService = await newCustomer(backend, { scopes: ['carts:read'] });

    expectProblem(await stranger.client.listCarts(owner.userId), 403, 'FORBIDDEN');
    const listed = await usersService.client.listCarts(owner.userId);

    expect(listed.status).toBe(200);
    expect(listed.body).toStrictEqual({ items: [owner.cart], nextCursor: null });
  });

  it('carts:read may read any cart but not change it', async () => {
    const owner = await cartWithOneLine(backend);
    const reader = await newCustomer(backend, { scopes: ['carts:read'] });

    const read = await reader.client.getCart(owner.cart.id);
    const write = await reader.client.addItem(owner.cart.id, other, 1);

    expect(read.status).toBe(200);
    expect(read.body).toStrictEqual(owner.cart);
    expect([403, 404]).toContain(write.status);
    expect((await owner.client.getCart(owner.cart.id)).body).toStrictEqual(owner.cart);
  });

  it.each(mutations)('a stale If-Match on %s answers 412 CART_VERSION_MISMATCH and changes nothing', async (_name, mutate) => {
    const { client, cart } = await cartWithOneLine(backend);
    const stale = `"${cart.version - 1}"`;

    expectProblem(await mutate(client, cart.id, { 'if-match': stale }), 412, 'CART_VERSION_MISMATCH');

    const after = await client.getCart(cart.id);
    expect(after.status).toBe(200);
    expect(after.body).toStrictEqual(cart);
  });

  it('an If-Match from the future is stale too', async () => {
    const { client, cart } = await cartWithOneLine(backend);

    expectProblem(await client.addItem(cart.id, sku, 1, { 'if-match': `"${cart.version + 1}"` }), 412, 'CART_VERSION_MISMATCH');
    expect((await client.getCart(cart.id)).body).toStrictEqual(cart);
  });

  it('a user id in upper case names the same user as in lower case', async () => {
    const { client, userId, cart } = await customerWithCart(backend);

    const lower = await client.listCarts(userId);
    const upper = await client.getCart(cart.id.toUpperCase());

    expect(lower.body.items.map((item) => item.id)).toEqual([cart.id]);
    expect(upper.status).toBe(200);
  });

  it('listing your own carts with your id in capitals answers 200', async () => {
    const { client, userId, cart } = await customerWithCart(backend);

    const upper = await client.listCarts(userId.toUpperCase());

    expect(upper.status).toBe(200);
    expect(upper.body.items.map((item) => item.id)).toEqual([cart.id]);
  });
});
