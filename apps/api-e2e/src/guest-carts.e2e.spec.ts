import { randomUUID } from 'node:crypto';
import { customerWithCart, newCustomer, type ApiResponse } from './support/api-client.ts';
import type { CartBody } from './support/api.types.ts';
import { readHistory } from './support/cart-events.ts';
import { priceOf, sellableIds } from './support/catalog.data.ts';
import { checkOut } from './support/checkout.data.ts';
import { backends, type Backend } from './support/e2e-environment.ts';
import { anonymousClient, cartTokenHeader, cartTokenShape, claimCart, mergeCarts, newGuest, quantities } from './support/guest-carts.ts';
import { expectProblem } from './support/problem.assertions.ts';
import { report, timed } from './support/timing.ts';

const [p1, p2, p3] = sellableIds(3) as [string, string, string];
const hundred = sellableIds(101);
const [usd1] = sellableIds(1, 'USD') as [string];
const withKey = (key: string): Record<string, string> => ({ 'idempotency-key': key });

function expectUnauthenticated(response: ApiResponse): void {
  expectProblem(response, 401, 'UNAUTHENTICATED');
  expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
}

describe.each(backends())('guest carts ($name)', (backend: Backend) => {
  it('an anonymous POST /v1/carts makes a guest cart and hands out its 43-char cartToken this once', async () => {
    const guest = await newGuest(backend, { currency: 'USD' });

    expect(guest.cart).toEqual(expect.objectContaining({ ownerId: null, status: 'active', currency: 'USD', version: 1, items: [] }));
    expect(guest.cartToken).toMatch(cartTokenShape);
    const read = await guest.client.getCart(guest.cart.id, guest.headers);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain(guest.cartToken);
    expect(read.body).toEqual(expect.objectContaining({ id: guest.cart.id, ownerId: null }));
    expect((await newGuest(backend)).cartToken).not.toBe(guest.cartToken);
    const signedIn = await customerWithCart(backend);
    expect(signedIn.cart.ownerId).toBe(signedIn.userId);
    expect(signedIn.cart).not.toHaveProperty('cartToken');
  });

  it('the Cart-Token reads, changes, deletes and checks out its own cart', async () => {
    const guest = await newGuest(backend);
    const { client, cart, headers } = guest;

    expect((await client.addItem(cart.id, p1, 2, headers)).status).toBe(200);
    expect((await client.addItem(cart.id, p2, 1, headers)).status).toBe(200);
    expect((await client.setQuantity(cart.id, p1, 4, headers)).status).toBe(200);
    const removed = await client.removeItem(cart.id, p2, headers);
    expect(removed.status).toBe(200);
    expect(quantities(removed.body)).toEqual({ [p1]: 4 });
    expect((await client.emptyCart(cart.id, headers)).body.items).toEqual([]);
    const added = await client.addItem(cart.id, p3, 1, headers);

    const checkout = await checkOut(client, cart.id, added.body.version, headers);
    expect(checkout.status).toBe(200);
    expect(checkout.body).toEqual(expect.objectContaining({ cartId: cart.id, ownerId: null, confirmedVersion: added.body.version }));
    expect((await client.getCart(cart.id, headers)).body.status).toBe('checked_out');

    const other = await newGuest(backend, { lines: [[p1, 1]] });
    expect((await other.client.deleteCart(other.cart.id, other.headers)).status).toBe(204);
    expectProblem(await other.client.getCart(other.cart.id, other.headers), 404, 'CART_NOT_FOUND');
  });

  it("a Cart-Token opens no other cart (404), a cart route with no credential or a malformed token is 401, listing needs a bearer", async () => {
    const guest = await newGuest(backend, { lines: [[p1, 1]] });
    const stranger = await newGuest(backend);
    const customer = await customerWithCart(backend);
    const anonymous = anonymousClient(backend);

    expectProblem(await anonymous.getCart(stranger.cart.id, guest.headers), 404, 'CART_NOT_FOUND');
    expectProblem(await anonymous.addItem(stranger.cart.id, p1, 1, guest.headers), 404, 'CART_NOT_FOUND');
    expectProblem(await anonymous.deleteCart(customer.cart.id, guest.headers), 404, 'CART_NOT_FOUND');
    expectProblem(await anonymous.getCart(randomUUID(), guest.headers), 404, 'CART_NOT_FOUND');
    expectProblem(await customer.client.getCart(guest.cart.id), 404, 'CART_NOT_FOUND');
    expectProblem(await anonymous.getCart(guest.cart.id, cartTokenHeader('A'.repeat(43))), 404, 'CART_NOT_FOUND');

    expectUnauthenticated(await anonymous.getCart(guest.cart.id));
    expectUnauthenticated(await anonymous.addItem(guest.cart.id, p1, 1));
    expectUnauthenticated(await anonymous.deleteCart(guest.cart.id));
    for (const malformed of ['short', `${guest.cartToken}x`, `${guest.cartToken.slice(0, 42)}+`, `${guest.cartToken.slice(0, 42)}=`]) {
      expectUnauthenticated(await anonymous.getCart(guest.cart.id, cartTokenHeader(malformed)));
    }
    expectUnauthenticated(await anonymous.listCarts(customer.userId));
    expectUnauthenticated(await anonymous.request('GET', `/v1/users/${customer.userId}/carts`, { headers: guest.headers }));
    expect((await guest.client.getCart(guest.cart.id, guest.headers)).body.items).toHaveLength(1);
  });

  it('claim: with bearer and Cart-Token the cart becomes the user\'s, the token stops opening it, a second claim is a no-op', async () => {
    const guest = await newGuest(backend, { lines: [[p1, 2]] });
    const customer = await newCustomer(backend);
    const intruder = await newCustomer(backend);

    expectUnauthenticated(await guest.client.request('POST', `/v1/carts/${guest.cart.id}/claim`, { headers: guest.headers }));
    expectProblem(await claimCart(intruder, guest.cart.id), 404, 'CART_NOT_FOUND');

    const claimed = await claimCart(customer, guest.cart.id, guest.cartToken);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toEqual(expect.objectContaining({ id: guest.cart.id, ownerId: customer.userId, version: 3 }));
    expect(quantities(claimed.body)).toEqual({ [p1]: 2 });

    expectProblem(await guest.client.getCart(guest.cart.id, guest.headers), 404, 'CART_NOT_FOUND');
    expectProblem(await guest.client.addItem(guest.cart.id, p2, 1, guest.headers), 404, 'CART_NOT_FOUND');
    expect((await customer.client.getCart(guest.cart.id)).body.ownerId).toBe(customer.userId);
    expect((await customer.client.listCarts(customer.userId)).body.items.map((cart) => cart.id)).toEqual([guest.cart.id]);

    const again = await claimCart(customer, guest.cart.id, guest.cartToken);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(claimed.body.version);
    expect((await claimCart(customer, guest.cart.id)).body.version).toBe(claimed.body.version);
    expectProblem(await claimCart(intruder, guest.cart.id), 404, 'CART_NOT_FOUND');
    expectProblem(await claimCart(intruder, guest.cart.id, guest.cartToken), 404, 'CART_NOT_FOUND');

    const history = await readHistory(customer.client, guest.cart.id);
    expect(history.map((event) => event.type)).toEqual(['cart.created', 'cart.item_added', 'cart.claimed']);
  });

  it('merge: lines move into the target, quantities add up, the source is deleted; events tell the target', async () => {
    const customer = await customerWithCart(backend);
    const target = customer.cart;
    await customer.client.addItem(target.id, p1, 2);
    const guest = await newGuest(backend, { lines: [[p1, 3], [p2, 1]] });

    const merged = await mergeCarts(customer, target.id, guest.cart.id, guest.cartToken);

    expect(merged.status).toBe(200);
    expect(quantities(merged.body)).toEqual({ [p1]: 5, [p2]: 1 });
    expect(merged.body).toEqual(expect.objectContaining({ id: target.id, ownerId: customer.userId, version: 3 }));
    expect(merged.body.totals.subtotal.amount).toBe(5 * (priceOf(p1, 'EUR') ?? NaN) + (priceOf(p2, 'EUR') ?? NaN));
    await expectCartReads(customer.client.getCart(target.id), merged.body);
    expectProblem(await guest.client.getCart(guest.cart.id, guest.headers), 404, 'CART_NOT_FOUND');
    expectProblem(await customer.client.getCart(guest.cart.id), 404, 'CART_NOT_FOUND');
    expect((await customer.client.request('GET', `/v1/carts/${guest.cart.id}/events`)).status).toBe(404);

    const history = await readHistory(customer.client, target.id);
    expect(history.map((event) => event.type)).toEqual(['cart.created', 'cart.item_added', 'cart.merged']);
    expect(history.at(-1)?.data).toEqual(expect.objectContaining({ sourceCartId: guest.cart.id, lines: 2, unitsLeftOut: 0 }));
    expect(history.at(-1)?.sequence).toBe(String(merged.body.version).padStart(10, '0'));
  });

  it('merge caps a line at 999 and leaves out lines past 100, counting the units in cart.merged', async () => {
    const customer = await customerWithCart(backend);
    const target = customer.cart;
    const [first, ...rest] = hundred.slice(0, 100) as [string, ...string[]];
    const extra = hundred[100] as string;
    expect((await customer.client.addItem(target.id, first, 998)).status).toBe(200);
    for (const id of rest) expect((await customer.client.addItem(target.id, id, 1)).status).toBe(200);
    const guest = await newGuest(backend, { lines: [[first, 5], [extra, 3]] });

    const merged = await mergeCarts(customer, target.id, guest.cart.id, guest.cartToken);

    expect(merged.status).toBe(200);
    expect(merged.body.items).toHaveLength(100);
    expect(quantities(merged.body)[first]).toBe(999);
    expect(quantities(merged.body)).not.toHaveProperty(extra);
    expectProblem(await guest.client.getCart(guest.cart.id, guest.headers), 404, 'CART_NOT_FOUND');
    const last = (await readHistory(customer.client, target.id)).at(-1);
    expect(last?.type).toBe('cart.merged');
    expect(last?.data).toEqual(expect.objectContaining({ sourceCartId: guest.cart.id, lines: 100, unitsLeftOut: 4 + 3 }));
  });

  it('merge refuses a cart into itself (400), a source without its token (404) and a USD guest into an EUR cart (409, nothing changed)', async () => {
    const customer = await customerWithCart(backend);
    const target = (await customer.client.addItem(customer.cart.id, p1, 1)).body;
    const guest = await newGuest(backend, { lines: [[p2, 1]] });
    const dollars = await newGuest(backend, { currency: 'USD', lines: [[usd1, 2]] });
    const guestBefore = (await guest.client.getCart(guest.cart.id, guest.headers)).body;
    const dollarsBefore = (await dollars.client.getCart(dollars.cart.id, dollars.headers)).body;

    expectProblem(await mergeCarts(customer, target.id, target.id), 400, 'VALIDATION_FAILED');
    expectProblem(await mergeCarts(customer, target.id, guest.cart.id), 404, 'CART_NOT_FOUND');
    expectProblem(await mergeCarts(customer, target.id, guest.cart.id, dollars.cartToken), 404, 'CART_NOT_FOUND');
    expectProblem(await mergeCarts(customer, target.id, dollars.cart.id, dollars.cartToken), 409, 'CURRENCY_MISMATCH');
    expectUnauthenticated(await guest.client.request('POST', `/v1/carts/${target.id}/merge`, { json: { sourceCartId: guest.cart.id }, headers: guest.headers }));

    await expectCartReads(customer.client.getCart(target.id), target);
    await expectCartReads(guest.client.getCart(guest.cart.id, guest.headers), guestBefore);
    await expectCartReads(dollars.client.getCart(dollars.cart.id, dollars.headers), dollarsBefore);
    expect((await readHistory(customer.client, target.id)).map((event) => event.type)).toEqual(['cart.created', 'cart.item_added']);
  });

  it.each([2, 10])('%i merges racing of one guest cart: exactly one 200, the others 404, lines never doubled', async (racers) => {
    const customer = await customerWithCart(backend);
    const second = (await customer.client.createCart()).body;
    await customer.client.addItem(customer.cart.id, p1, 1);
    const guest = await newGuest(backend, { lines: [[p1, 2], [p2, 3]] });
    const targets = Array.from({ length: racers }, (_, i) => (i % 2 === 0 ? customer.cart.id : second.id));

    const { result: responses, ms } = await timed(() =>
      Promise.all(targets.map((targetId) => mergeCarts(customer, targetId, guest.cart.id, guest.cartToken))),
    );

    const statuses = responses.map((response) => response.status);
    report('guest merge race', `${backend.name}: ${racers} racing merges -> ${JSON.stringify(countOf(statuses))} in ${ms} ms`);
    expect(countOf(statuses)).toEqual({ 200: 1, 404: racers - 1 });
    const winner = targets[statuses.indexOf(200)] as string;
    const expected = winner === customer.cart.id ? { [p1]: 3, [p2]: 3 } : { [p1]: 2, [p2]: 3 };
    const loser = winner === customer.cart.id ? second.id : customer.cart.id;
    expect(quantities((await customer.client.getCart(winner)).body)).toEqual(expected);
    expect(quantities((await customer.client.getCart(loser)).body)).toEqual(loser === customer.cart.id ? { [p1]: 1 } : {});
    expectProblem(await guest.client.getCart(guest.cart.id, guest.headers), 404, 'CART_NOT_FOUND');
    const merges = (await readHistory(customer.client, winner)).filter((event) => event.type === 'cart.merged');
    expect(merges).toHaveLength(1);
    expect((await readHistory(customer.client, loser)).filter((event) => event.type === 'cart.merged')).toHaveLength(0);
  });

  it('an Idempotency-Key on guest requests is scoped to the guest cart; on an anonymous create it is refused with 400', async () => {
    const one = await newGuest(backend);
    const two = await newGuest(backend);
    const key = `e2e-${randomUUID()}`;

    const first = await one.client.addItem(one.cart.id, p1, 2, { ...one.headers, ...withKey(key) });
    const replay = await one.client.addItem(one.cart.id, p1, 2, { ...one.headers, ...withKey(key) });
    const elsewhere = await two.client.addItem(two.cart.id, p2, 1, { ...two.headers, ...withKey(key) });

    expect(first.status).toBe(200);
    expect({ status: replay.status, text: replay.text, replayed: replay.headers.get('idempotent-replayed') }).toEqual({
      status: 200,
      text: first.text,
      replayed: 'true',
    });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
    expect(quantities(elsewhere.body)).toEqual({ [p2]: 1 });
    expect(quantities((await one.client.getCart(one.cart.id, one.headers)).body)).toEqual({ [p1]: 2 });
    expectProblem(await one.client.addItem(one.cart.id, p1, 3, { ...one.headers, ...withKey(key) }), 422, 'IDEMPOTENCY_KEY_REUSED');

    const anonymous = anonymousClient(backend);
    expectProblem(await anonymous.createCart(undefined, withKey(`e2e-${randomUUID()}`)), 400, 'VALIDATION_FAILED');
  });
});

async function expectCartReads(read: Promise<ApiResponse<CartBody>>, expected: CartBody): Promise<void> {
  const response = await read;
  expect(response.status).toBe(200);
  expect(response.body).toStrictEqual(expected);
}

function countOf(statuses: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
