import { randomUUID } from 'node:crypto';
import { customerWithCart, newCustomer } from './support/api-client.ts';
import { money, pricedLine, sellableIds } from './support/catalog.data.ts';
import { backends } from './support/e2e-environment.ts';
import { expectProblem } from './support/problem.assertions.ts';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const utcTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const json = /^application\/json/;

// Real products of the embedded catalog (active, priced in EUR, in stock): the api refuses others.
const [p1, p2, p42] = sellableIds(3) as [string, string, string];

/** A line as API.md shows it, priced from the shipped data files. */
const item = (productId: string, quantity: number) => ({
  ...pricedLine(productId, quantity),
  addedAt: expect.stringMatching(utcTimestamp),
  updatedAt: expect.stringMatching(utcTimestamp),
});

/** `totals` of a EUR cart holding these lines. */
const totalsOf = (...lines: [string, number][]) => ({
  lines: lines.length,
  quantity: lines.reduce((sum, [, quantity]) => sum + quantity, 0),
  subtotal: money(
    lines.reduce((sum, [productId, quantity]) => sum + pricedLine(productId, quantity).lineTotal.amount, 0),
    'EUR',
  ),
});

describe.each(backends())('every endpoint, happy path ($name)', (backend) => {
  it('POST /v1/carts creates an empty cart: 201, Location, ETag, the cart', async () => {
    const { client, userId } = await newCustomer(backend);

    const created = await client.createCart(undefined, { 'x-request-id': 'e2e-create-1' });

    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(json);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/v1/carts/${created.body.id}`);
    expect(created.headers.get('x-request-id')).toBe('e2e-create-1');
    expect(created.body).toStrictEqual({
      id: expect.stringMatching(uuidV7),
      ownerId: userId,
      status: 'active',
      currency: 'EUR',
      version: 1,
      createdAt: expect.stringMatching(utcTimestamp),
      updatedAt: created.body.createdAt,
      items: [],
      totals: totalsOf(),
    });
    const located = await client.request('GET', created.headers.get('location') ?? '');
    expect(located.body).toEqual(created.body);
  });

  it('POST /v1/carts takes an optional currency', async () => {
    const { client } = await newCustomer(backend);

    const created = await client.createCart({ currency: 'USD' });

    expect(created.status).toBe(201);
    expect(created.body.currency).toBe('USD');
  });

  it('GET /v1/carts/{cartId} reads the cart with its ETag, and a request id is made when none is sent', async () => {
    const { client, cart } = await customerWithCart(backend);

    const read = await client.getCart(cart.id);

    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toMatch(json);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.headers.get('x-request-id')).toMatch(/^[\w.:-]{8,128}$/);
    expect(read.body).toStrictEqual(cart);
  });

  it('GET with a matching If-None-Match answers 304 without a body; a stale one gets the cart', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, p1, 1);

    const notModified = await client.getCart(cart.id, { 'if-none-match': '"2"' });
    const stale = await client.getCart(cart.id, { 'if-none-match': '"1"' });

    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe('"2"');
    expect(notModified.text).toBe('');
    expect(stale.status).toBe(200);
    expect(stale.body.version).toBe(2);
  });

  it('POST /v1/carts/{cartId}/items adds a line: 200, ETag of the new version, items and totals', async () => {
    const { client, cart, userId } = await customerWithCart(backend);

    const added = await client.addItem(cart.id, p42, 2, { 'x-request-id': 'e2e-add-1' });

    expect(added.status).toBe(200);
    expect(added.headers.get('etag')).toBe('"2"');
    expect(added.headers.get('x-request-id')).toBe('e2e-add-1');
    expect(added.body).toStrictEqual({
      ...cart,
      ownerId: userId,
      version: 2,
      updatedAt: expect.stringMatching(utcTimestamp),
      items: [item(p42, 2)],
      totals: totalsOf([p42, 2]),
    });
    expect(added.body.items[0]?.addedAt).toBe(added.body.items[0]?.updatedAt);
  });

  it('POST items with a matching If-Match succeeds', async () => {
    const { client, cart } = await customerWithCart(backend);

    const added = await client.addItem(cart.id, p1, 1, { 'if-match': '"1"' });

    expect(added.status).toBe(200);
    expect(added.headers.get('etag')).toBe('"2"');
  });

  it('PUT /v1/carts/{cartId}/items/{productId} sets the absolute quantity, creates a missing line, 0 removes it', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, p1, 5);

    const set = await client.setQuantity(cart.id, p1, 2);
    const created = await client.setQuantity(cart.id, p2, 7, { 'if-match': '"3"' });
    const removed = await client.setQuantity(cart.id, p1, 0);

    expect([set.status, created.status, removed.status]).toEqual([200, 200, 200]);
    expect(set.body.items).toEqual([item(p1, 2)]);
    expect(set.headers.get('etag')).toBe('"3"');
    expect(created.body.items).toEqual([item(p1, 2), item(p2, 7)]);
    expect(created.body.totals).toEqual(totalsOf([p1, 2], [p2, 7]));
    expect(removed.body).toEqual(expect.objectContaining({ version: 5, items: [item(p2, 7)], totals: totalsOf([p2, 7]) }));
    expect(removed.headers.get('etag')).toBe('"5"');
  });

  it('DELETE /v1/carts/{cartId}/items/{productId} removes one line: 200, the cart', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, p1, 1);
    await client.addItem(cart.id, p2, 1);

    const removed = await client.removeItem(cart.id, p1, { 'if-match': '"3"' });

    expect(removed.status).toBe(200);
    expect(removed.headers.get('etag')).toBe('"4"');
    expect(removed.body).toEqual(expect.objectContaining({ version: 4, items: [item(p2, 1)], totals: totalsOf([p2, 1]) }));
  });

  it('DELETE a line that is not there answers 404 LINE_NOT_FOUND', async () => {
    const { client, cart } = await customerWithCart(backend);

    expectProblem(await client.removeItem(cart.id, 'never-added'), 404, 'LINE_NOT_FOUND');
    expect((await client.getCart(cart.id)).body.version).toBe(1);
  });

  it('DELETE /v1/carts/{cartId}/items empties the cart: 200, the cart, one new version', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, p1, 1);
    await client.addItem(cart.id, p2, 1);

    const emptied = await client.emptyCart(cart.id);

    expect(emptied.status).toBe(200);
    expect(emptied.headers.get('etag')).toBe('"4"');
    expect(emptied.body).toEqual(expect.objectContaining({ id: cart.id, version: 4, items: [], totals: totalsOf() }));
  });

  it('DELETE /v1/carts/{cartId} deletes the cart: 204 without a body, then 404', async () => {
    const { client, cart } = await customerWithCart(backend);
    await client.addItem(cart.id, p1, 1);

    const deleted = await client.deleteCart(cart.id, { 'if-match': '"2"', 'x-request-id': 'e2e-delete-1' });

    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(deleted.headers.get('x-request-id')).toBe('e2e-delete-1');
    expectProblem(await client.getCart(cart.id), 404, 'CART_NOT_FOUND');
  });

  it('GET /v1/users/{userId}/carts lists newest first, page by page with nextCursor', async () => {
    const { client, userId } = await newCustomer(backend);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await client.createCart()).body.id);
    const newestFirst = [...ids].reverse();

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await client.listCarts(userId, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(json);
      pages.push(page.body.items.map((cart) => cart.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null && pages.length < 10);

    expect(pages).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4)]);
  });

  it('the list carries whole carts and defaults to 20 per page; limit 1 and 100 are accepted', async () => {
    const { client, userId } = await newCustomer(backend);
    const created = await Promise.all(Array.from({ length: 21 }, () => client.createCart()));
    const first = created[0]?.body;
    if (!first) throw new Error('no cart was created');
    await client.addItem(first.id, p1, 3);

    const byDefault = await client.listCarts(userId);
    const one = await client.listCarts(userId, { limit: 1 });
    const hundred = await client.listCarts(userId, { limit: 100 });

    expect(byDefault.body.items).toHaveLength(20);
    expect(byDefault.body.nextCursor).toEqual(expect.any(String));
    expect(one.body.items).toHaveLength(1);
    expect(hundred.body.items).toHaveLength(21);
    expect(hundred.body.nextCursor).toBeNull();
    expect(hundred.body.items.find((cart) => cart.id === first.id)).toStrictEqual((await client.getCart(first.id)).body);
  });

  it.each([0, 101, -1, 'ten'])('limit=%s answers 400 VALIDATION_FAILED', async (limit) => {
    const { client, userId } = await newCustomer(backend);

    expectProblem(await client.listCarts(userId, { limit }), 400, 'VALIDATION_FAILED');
  });

  it('a user without carts gets an empty page', async () => {
    const { client, userId } = await newCustomer(backend);

    const page = await client.listCarts(userId);

    expect(page.status).toBe(200);
    expect(page.body).toStrictEqual({ items: [], nextCursor: null });
  });

  it('a cursor this service did not make answers 400', async () => {
    const { client, userId } = await newCustomer(backend);

    expectProblem(await client.listCarts(userId, { cursor: Buffer.from(randomUUID()).toString('hex') }), 400, 'VALIDATION_FAILED');
  });
});
