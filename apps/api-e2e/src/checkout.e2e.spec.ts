import { customerWithCart, newCustomer, type ApiClient, type ApiResponse, type Customer } from './support/api-client.ts';
import type { CartBody } from './support/api.types.ts';
import { expectCartUnchanged } from './support/cart.assertions.ts';
import { money, priceOf, sellableIds } from './support/catalog.data.ts';
import { checkOut, contentHashOf, expectedCheckout } from './support/checkout.data.ts';
import type { CartChangedProblem, LineProblem } from './support/checkout.types.ts';
import { startDedicatedApiOn } from './support/dedicated-backend-api.ts';
import type { DedicatedApi } from './support/dedicated-api.ts';
import { backends, type Backend } from './support/e2e-environment.ts';
import { FakeCatalog } from './support/fake-catalog.server.ts';
import { expectProblem } from './support/problem.assertions.ts';
import { report, timed } from './support/timing.ts';

// Expected lines, prices and totals are computed from the data files the api ships, never copied.
// Three products with three different prices, so a line that took another's price cannot go unseen.
const [cup, mug, kettle] = sellableIds(60).filter(
  (id, index, ids) => ids.findIndex((candidate) => priceOf(candidate, 'EUR') === priceOf(id, 'EUR')) === index,
) as [string, string, string];
const utcTimestamp = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
const eur = (productId: string): number => priceOf(productId, 'EUR') ?? NaN;

/** A customer's cart holding `lines`, as it reads after the last add (the version a shopper confirms). */
async function filledCart(customer: Customer, lines: readonly (readonly [string, number])[]): Promise<CartBody> {
  let cart = (await customer.client.createCart()).body;
  for (const [productId, quantity] of lines) {
    const added = await customer.client.addItem(cart.id, productId, quantity);
    expect(added.status).toBe(200);
    cart = added.body;
  }
  return cart;
}

const changesAfterCheckout: [string, (client: ApiClient, cartId: string) => Promise<ApiResponse>][] = [
  ['POST an item', (client, cartId) => client.addItem(cartId, kettle, 1)],
  ['PUT a line quantity', (client, cartId) => client.setQuantity(cartId, cup, 5)],
  ['DELETE a line', (client, cartId) => client.removeItem(cartId, cup)],
  ['DELETE all items', (client, cartId) => client.emptyCart(cartId)],
];

describe.each(backends())('checkout for the Orders service ($name)', (backend: Backend) => {
  it('freezes the confirmed cart: 200, ETag of the frozen version, exact lines and totals, a hash over the canonical content', async () => {
    const owner = await newCustomer(backend);
    const confirmed = await filledCart(owner, [[cup, 2], [mug, 3]]);

    const { result: response, ms } = await timed(() => checkOut(owner.client, confirmed.id, confirmed.version));

    const expected = expectedCheckout({
      cartId: confirmed.id,
      ownerId: owner.userId,
      confirmedVersion: confirmed.version,
      lines: [{ productId: cup, quantity: 2 }, { productId: mug, quantity: 3 }],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${confirmed.version + 1}"`);
    expect(response.body).toStrictEqual({ ...expected, checkedOutAt: utcTimestamp });
    expect(response.body.totals.subtotal).toStrictEqual(confirmed.totals.subtotal);
    expect(response.body.contentHash).toBe(contentHashOf(response.body as unknown as Record<string, unknown>));
    const read = await owner.client.getCart(confirmed.id);
    expect(read.headers.get('etag')).toBe(`"${confirmed.version + 1}"`);
    expect(read.body).toStrictEqual({ ...confirmed, status: 'checked_out', version: confirmed.version + 1, updatedAt: utcTimestamp });
    report(
      'checkout',
      `${backend.name}: checkout of 2 lines (2 x ${cup} @ ${eur(cup)}, 3 x ${mug} @ ${eur(mug)}) = ` +
        `${expected.totals.subtotal.amount} EUR minor units in ${ms} ms`,
    );
  });

  it('a retry with the same If-Match answers the identical checkout byte for byte; an older version gets 412', async () => {
    const owner = await newCustomer(backend);
    const confirmed = await filledCart(owner, [[kettle, 1], [cup, 4]]);

    const first = await checkOut(owner.client, confirmed.id, confirmed.version);
    const { result: retry, ms } = await timed(() => checkOut(owner.client, confirmed.id, confirmed.version));
    const stale = await checkOut(owner.client, confirmed.id, confirmed.version - 1);

    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.text).toBe(first.text);
    expect(retry.body.contentHash).toBe(first.body.contentHash);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expectProblem(stale, 412, 'CART_VERSION_MISMATCH');
    expect((await owner.client.getCart(confirmed.id)).body.version).toBe(confirmed.version + 1);
    report('checkout', `${backend.name}: retry of a finished checkout answered in ${ms} ms`);
  });

  it('10 concurrent checkouts of one confirmed version all answer the same checkout; 10 racing an add: exactly one of each pair wins', async () => {
    const owner = await newCustomer(backend);
    const confirmed = await filledCart(owner, [[cup, 1], [kettle, 2]]);
    const racing = await Promise.all(Array.from({ length: 10 }, () => filledCart(owner, [[mug, 1]])));

    const duplicates = await Promise.all(Array.from({ length: 10 }, () => checkOut(owner.client, confirmed.id, confirmed.version)));
    // Half the pairs send the add first, half the checkout: either may reach the cart first.
    const pairs = await Promise.all(
      racing.map(async (cart, index) => {
        const [first, second] = [() => checkOut(owner.client, cart.id, cart.version), () => owner.client.addItem(cart.id, cup, 1)];
        if (index % 2 === 0) return Promise.all([first(), second()]);
        const [add, checkout] = await Promise.all([second(), first()]);
        return [checkout, add] as const;
      }),
    );

    expect(duplicates.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(new Set(duplicates.map((response) => response.text)).size).toBe(1);
    const outcomes = pairs.map(([checkout, add]) => `checkout ${checkout.status}, add ${add.status}`);
    expect(outcomes.filter((outcome) => outcome !== 'checkout 200, add 409' && outcome !== 'checkout 412, add 200')).toEqual([]);
    for (const [index, [checkout]] of pairs.entries()) {
      const read = (await owner.client.getCart(racing[index]?.id ?? '')).body;
      expect(read.status).toBe(checkout.status === 200 ? 'checked_out' : 'active');
      expect(read.version).toBe((racing[index]?.version ?? NaN) + 1);
    }
    const won = outcomes.filter((outcome) => outcome.startsWith('checkout 200')).length;
    report('checkout', `${backend.name}: 10 duplicate checkouts: 10 x 200, one body; 10 checkout-vs-add races: checkout won ${won}, add won ${10 - won}`);
  });

  it.each(changesAfterCheckout)('%s after checkout gets 409 CART_CHECKED_OUT and changes nothing', async (_name, change) => {
    const owner = await newCustomer(backend);
    const confirmed = await filledCart(owner, [[cup, 1], [mug, 1]]);
    expect((await checkOut(owner.client, confirmed.id, confirmed.version)).status).toBe(200);
    const frozen = (await owner.client.getCart(confirmed.id)).body;

    expectProblem(await change(owner.client, confirmed.id), 409, 'CART_CHECKED_OUT');

    await expectCartUnchanged(owner.client, frozen);
  });

  it.each([
    ['without If-Match', undefined],
    ['with If-Match: * (no version confirmed)', '*'],
  ])('checkout %s gets 428 IF_MATCH_REQUIRED and changes nothing', async (_name, ifMatch) => {
    const owner = await newCustomer(backend);
    const cart = await filledCart(owner, [[cup, 1]]);

    expectProblem(await checkOut(owner.client, cart.id, ifMatch), 428, 'IF_MATCH_REQUIRED');

    await expectCartUnchanged(owner.client, cart);
  });

  it('checkout with a stale If-Match gets 412 CART_VERSION_MISMATCH and the cart stays active and unchanged', async () => {
    const owner = await newCustomer(backend);
    const cart = await filledCart(owner, [[cup, 1], [mug, 2]]);

    expectProblem(await checkOut(owner.client, cart.id, cart.version - 1), 412, 'CART_VERSION_MISMATCH');

    await expectCartUnchanged(owner.client, cart);
  });

  it('an empty cart (new, or emptied) gets 422 CART_EMPTY and stays active', async () => {
    const owner = await customerWithCart(backend);
    const emptied = (await owner.client.emptyCart((await filledCart(owner, [[cup, 1]])).id)).body;

    expectProblem(await checkOut(owner.client, owner.cart.id, owner.cart.version), 422, 'CART_EMPTY');
    expectProblem(await checkOut(owner.client, emptied.id, emptied.version), 422, 'CART_EMPTY');

    await expectCartUnchanged(owner.client, owner.cart);
    await expectCartUnchanged(owner.client, emptied);
  });

  it("a carts:checkout token (Orders) checks out someone else's cart; the owner then reads it checked out", async () => {
    const owner = await newCustomer(backend);
    const orders = await newCustomer(backend, { scopes: ['carts:checkout'] });
    const confirmed = await filledCart(owner, [[mug, 2]]);

    const response = await checkOut(orders.client, confirmed.id, confirmed.version);

    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({
      ...expectedCheckout({ cartId: confirmed.id, ownerId: owner.userId, confirmedVersion: confirmed.version, lines: [{ productId: mug, quantity: 2 }] }),
      checkedOutAt: utcTimestamp,
    });
    expect((await owner.client.getCart(confirmed.id)).body.status).toBe('checked_out');
    expect((await checkOut(owner.client, confirmed.id, confirmed.version)).text).toBe(response.text);
  });

  it('a stranger gets 404 CART_NOT_FOUND, a carts:read token 403, and the cart stays as it was', async () => {
    const owner = await newCustomer(backend);
    const stranger = await newCustomer(backend);
    const reader = await newCustomer(backend, { scopes: ['carts:read'] });
    const cart = await filledCart(owner, [[cup, 1]]);

    expectProblem(await checkOut(stranger.client, cart.id, cart.version), 404, 'CART_NOT_FOUND');
    expectProblem(await checkOut(reader.client, cart.id, cart.version), 403, 'FORBIDDEN');
    expectProblem(await checkOut(owner.client, crypto.randomUUID(), 1), 404, 'CART_NOT_FOUND');

    await expectCartUnchanged(owner.client, cart);
  });
});

/** What a Products or Billing change does to a line, and the problem checkout must name. */
const unsellable: [LineProblem, string, (catalog: FakeCatalog, productId: string) => void][] = [
  ['product_not_found', 'the product is gone from Products', (catalog, id) => catalog.removeProduct(id)],
  ['product_unavailable', 'the product was deactivated', (catalog, id) => catalog.updateProduct(id, { active: false })],
  ['price_unavailable', 'Billing withdrew its price', (catalog, id) => catalog.removePrice('EUR', id)],
];

describe.each(backends().map(({ name }) => ({ name })))('checkout against a Products and Billing that change ($name)', ({ name }) => {
  let catalog: FakeCatalog;
  let dedicated: DedicatedApi;
  // Each test moves prices of its own products: the fakes are shared by the tests of this block.
  const spare = sellableIds(40).filter((id) => ![cup, mug, kettle].includes(id));
  const take = (): string => spare.shift() ?? '';

  beforeAll(async () => {
    catalog = await FakeCatalog.start();
    dedicated = await startDedicatedApiOn(name, catalog.env);
  }, 60_000);

  afterAll(async () => {
    await dedicated?.stop();
    await catalog?.close();
  });

  it('a moved price: 409 CART_CHANGED lists the line, the cart shows the new price at version + 1, checkout of that version is 200', async () => {
    const [moved, steady] = [take(), take()];
    const owner = await dedicated.newCustomer();
    const confirmed = await filledCart(owner, [[moved, 2], [steady, 1]]);
    const [productsMark, billingMark] = [catalog.products.requests.length, catalog.billing.requests.length];
    const newPrice = eur(moved) + 150;
    catalog.setPrice('EUR', moved, newPrice);

    const refused = await checkOut(owner.client, confirmed.id, confirmed.version);

    const problem = expectProblem(refused, 409, 'CART_CHANGED') as CartChangedProblem;
    expect(problem.changes).toStrictEqual([
      { productId: moved, problem: 'price_changed', previousUnitPrice: money(eur(moved), 'EUR'), unitPrice: money(newPrice, 'EUR') },
    ]);
    const asked = (requests: typeof catalog.products.requests, parameter: string) =>
      new Set(requests.flatMap((request) => (request.query.get(parameter) ?? '').split(',')));
    expect(asked(catalog.products.since(productsMark), 'ids')).toEqual(new Set([moved, steady]));
    expect(asked(catalog.billing.since(billingMark), 'productIds')).toEqual(new Set([moved, steady]));
    const read = await owner.client.getCart(confirmed.id);
    expect(read.headers.get('etag')).toBe(`"${confirmed.version + 1}"`);
    expect(read.body).toEqual(expect.objectContaining({ status: 'active', version: confirmed.version + 1 }));
    expect(read.body.items.map(({ productId, unitPrice, lineTotal }) => ({ productId, unitPrice, lineTotal }))).toStrictEqual([
      { productId: moved, unitPrice: money(newPrice, 'EUR'), lineTotal: money(2 * newPrice, 'EUR') },
      { productId: steady, unitPrice: money(eur(steady), 'EUR'), lineTotal: money(eur(steady), 'EUR') },
    ]);
    expect(read.body.totals.subtotal).toStrictEqual(money(2 * newPrice + eur(steady), 'EUR'));
    expectProblem(await checkOut(owner.client, confirmed.id, confirmed.version), 412, 'CART_VERSION_MISMATCH');

    const { result: accepted, ms } = await timed(() => checkOut(owner.client, confirmed.id, read.body.version));

    expect(accepted.status).toBe(200);
    expect(accepted.body).toStrictEqual({
      ...expectedCheckout({
        cartId: confirmed.id,
        ownerId: owner.userId,
        confirmedVersion: read.body.version,
        lines: [{ productId: moved, quantity: 2, unitAmount: newPrice }, { productId: steady, quantity: 1 }],
      }),
      checkedOutAt: utcTimestamp,
    });
    report('checkout', `${name}: checkout re-validating 2 lines with Products and Billing over HTTP in ${ms} ms`);
  });

  it.each(unsellable)('%s (%s): 409 CART_CHANGED names the line; the cart stays active; without the line checkout is 200', async (problemName, _how, change) => {
    const [gone, kept] = [take(), take()];
    const owner = await dedicated.newCustomer();
    const confirmed = await filledCart(owner, [[kept, 3], [gone, 1]]);
    change(catalog, gone);

    const refused = await checkOut(owner.client, confirmed.id, confirmed.version);

    const problem = expectProblem(refused, 409, 'CART_CHANGED') as CartChangedProblem;
    expect(problem.changes).toEqual([
      expect.objectContaining({ productId: gone, problem: problemName, previousUnitPrice: money(eur(gone), 'EUR') }),
    ]);
    await expectCartUnchanged(owner.client, confirmed);
    expectProblem(await checkOut(owner.client, confirmed.id, confirmed.version), 409, 'CART_CHANGED');
    const withoutIt = await owner.client.removeItem(confirmed.id, gone);
    const accepted = await checkOut(owner.client, confirmed.id, withoutIt.body.version);
    expect(accepted.status).toBe(200);
    expect(accepted.body.lines).toStrictEqual(
      expectedCheckout({ cartId: confirmed.id, ownerId: owner.userId, confirmedVersion: 0, lines: [{ productId: kept, quantity: 3 }] }).lines,
    );
  });

  it('a checkout sent with an Idempotency-Key that finds a moved price also leaves the cart with the fresh price', async () => {
    const moved = take();
    const owner = await dedicated.newCustomer();
    const confirmed = await filledCart(owner, [[moved, 1]]);
    catalog.setPrice('EUR', moved, eur(moved) + 99);

    const refused = await checkOut(owner.client, confirmed.id, confirmed.version, { 'idempotency-key': `checkout-${crypto.randomUUID()}` });

    expectProblem(refused, 409, 'CART_CHANGED');
    const read = await owner.client.getCart(confirmed.id);
    expect({ version: read.body.version, unitPrice: read.body.items[0]?.unitPrice }).toStrictEqual({
      version: confirmed.version + 1,
      unitPrice: money(eur(moved) + 99, 'EUR'),
    });
  });
});
