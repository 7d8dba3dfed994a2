import { sampleValue } from '@carteria/testing';
import type { ApiClient, ApiResponse, Customer } from './support/api-client.ts';
import type { CartBody } from './support/api.types.ts';
import { expectCartUnchanged } from './support/cart.assertions.ts';
import { money, priceOf, pricedLine, sellableIds } from './support/catalog.data.ts';
import { startDedicatedApi, type DedicatedApi } from './support/dedicated-api.ts';
import { FakeBilling } from './support/fake-billing.server.ts';
import { FakeProducts } from './support/fake-products.server.ts';
import { breakerState, clientCalls, scrapeMetrics } from './support/metrics.scrape.ts';
import { expectProblem } from './support/problem.assertions.ts';
import { report, sleep, timed } from './support/timing.ts';

// One api of this suite's own, with PRODUCTS_URL and BILLING_URL on fakes it controls. The
// resilience settings are the defaults (300 ms per attempt, 2 retries, breaker after 5 failed
// attempts) except the half-open time, shortened so recovery fits in a test.
const halfOpenMs = 1000;
/** What "answers within about a second" is held to: the default call budget is 3 x 300 + 75 ms. */
const maxTimeTo503Ms = 1500;
/** Nothing that skips the dependencies may come near one attempt timeout. */
const noDependencyMs = 500;

const [probeSku, onHand, second, third, repriced, renamed] = sellableIds(6) as [string, string, string, string, string, string];

let products: FakeProducts;
let billing: FakeBilling;
let dedicated: DedicatedApi;
let probe: Customer & { cartId: string };

beforeAll(async () => {
  [products, billing] = await Promise.all([FakeProducts.start(), FakeBilling.start()]);
  dedicated = await startDedicatedApi({
    PRODUCTS_URL: products.service.url,
    BILLING_URL: billing.service.url,
    DEPENDENCY_BREAKER_HALF_OPEN_MS: String(halfOpenMs),
  });
  const customer = await dedicated.newCustomer();
  probe = { ...customer, cartId: (await customer.client.createCart()).body.id };
}, 60_000);

afterAll(async () => {
  await dedicated?.stop();
  await Promise.all([products?.service.close(), billing?.service.close()]);
});

// Each test leaves the fakes misbehaving and maybe a breaker open: heal both before the next.
afterEach(async () => {
  await Promise.all([products.service.comeBack(), billing.service.comeBack()]);
  for (const fake of [products.service, billing.service]) {
    fake.mode = 'ok';
    fake.delayMs = 0;
  }
  await untilWritesSucceed();
});

/** Polls a write that needs both dependencies until it succeeds (the breakers half-open, then close). */
async function untilWritesSucceed(): Promise<number> {
  const started = performance.now();
  for (;;) {
    const response = await probe.client.setQuantity(probe.cartId, probeSku, 1);
    if (response.status === 200) return Math.round(performance.now() - started);
    if (performance.now() - started > 3 * halfOpenMs + 5_000) throw new Error(`writes still fail: ${response.status} ${response.text}`);
    await sleep(100);
  }
}

async function customerWithLine(): Promise<Customer & { cart: CartBody }> {
  const customer = await dedicated.newCustomer();
  const created = await customer.client.createCart();
  const added = await customer.client.addItem(created.body.id, onHand, 2);
  expect(added.status).toBe(200);
  return { ...customer, cart: added.body };
}

/** 503 DEPENDENCY_UNAVAILABLE as problem+json with a Retry-After of whole seconds, naming no address. */
function expectUnavailable(response: ApiResponse): number {
  const problem = expectProblem(response, 503, 'DEPENDENCY_UNAVAILABLE');
  expect(problem.detail).not.toMatch(/127\.0\.0\.1|http:/);
  const retryAfter = response.headers.get('retry-after') ?? '';
  expect(retryAfter).toMatch(/^[1-9]\d*$/);
  return Number(retryAfter);
}

/** An add that must fail on a dependency: 503, how long it took, the cart unchanged, reads still 200. */
async function expectAddRefused(client: ApiClient, before: CartBody): Promise<number> {
  const { result, ms } = await timed(() => client.addItem(before.id, second, 1));
  expectUnavailable(result);
  await expectCartUnchanged(client, before);
  return ms;
}

describe('Products and Billing over HTTP (a dedicated api on fake services)', () => {
  it('well-behaved services price the cart; reading it asks neither', async () => {
    const { client, cart } = await customerWithLine();
    const marks = [products.service.requests.length, billing.service.requests.length] as const;

    const added = await client.addItem(cart.id, second, 3);
    const reads = await Promise.all([client.getCart(cart.id), client.getCart(cart.id), client.getCart(cart.id)]);

    expect(added.status).toBe(200);
    expect(added.body.items.map(({ addedAt: _a, updatedAt: _u, ...rest }) => rest)).toStrictEqual([
      pricedLine(onHand, 2),
      pricedLine(second, 3),
    ]);
    expect(products.idsAsked.slice(marks[0])).toEqual([[second]]);
    const billed = billing.service.since(marks[1]);
    expect(billed.map((request) => [request.query.get('currency'), request.query.get('productIds')])).toEqual([['EUR', second]]);
    for (const read of reads) expect(read.body).toStrictEqual(added.body);
    expect([products.service.requests.length, billing.service.requests.length]).toEqual([marks[0] + 1, marks[1] + 1]);
  });

  it('a line re-priced or changed by the services since it was added says so on its next change', async () => {
    const customer = await dedicated.newCustomer();
    const cart = (await customer.client.createCart()).body;
    const oldPrice = priceOf(repriced, 'EUR') ?? NaN;
    await customer.client.addItem(cart.id, repriced, 1);
    await customer.client.addItem(cart.id, renamed, 1);

    billing.setPrice('EUR', repriced, oldPrice + 125);
    products.update(repriced, { stock: 2 });
    products.update(renamed, { name: 'Renamed by the Products service', active: false });
    const beforeChange = await customer.client.getCart(cart.id);
    const grown = await customer.client.addItem(cart.id, repriced, 1);
    const refused = await customer.client.setQuantity(cart.id, renamed, 3);
    const dropped = await customer.client.setQuantity(cart.id, renamed, 0);

    expect(beforeChange.body.items[0]?.unitPrice).toStrictEqual(money(oldPrice, 'EUR'));
    expect(grown.body.items[0]).toEqual(
      expect.objectContaining({
        productId: repriced,
        quantity: 2,
        unitPrice: money(oldPrice + 125, 'EUR'),
        addedUnitPrice: money(oldPrice, 'EUR'),
        priceChanged: true,
        lineTotal: money((oldPrice + 125) * 2, 'EUR'),
        inStock: true,
        moreInStock: false,
      }),
    );
    expectProblem(refused, 422, 'PRODUCT_UNAVAILABLE');
    expect(dropped.status).toBe(200);
    expect(dropped.body.items.map((item) => item.productId)).toEqual([repriced]);
    expect(dropped.body.totals.subtotal).toStrictEqual(money((oldPrice + 125) * 2, 'EUR'));
  });

  it('Billing hangs: an add answers 503 DEPENDENCY_UNAVAILABLE with Retry-After in under 1.5 s; nothing changes, reads answer 200', async () => {
    const { client, cart } = await customerWithLine();
    const timeoutsBefore = await clientCalls(dedicated.api.baseUrl, { dependency: 'billing', outcome: 'timeout' });
    billing.service.mode = 'hang';

    const ms = await expectAddRefused(client, cart);
    const set = await timed(() => client.setQuantity(cart.id, onHand, 5));

    report('dependencies', `Billing hangs: add answered 503 in ${ms} ms; set quantity 503 in ${set.ms} ms (limit ${maxTimeTo503Ms} ms)`);
    expect(ms).toBeLessThan(maxTimeTo503Ms);
    expectUnavailable(set.result);
    expect(set.ms).toBeLessThan(maxTimeTo503Ms);
    await expectCartUnchanged(client, cart);
    expect(await clientCalls(dedicated.api.baseUrl, { dependency: 'billing', outcome: 'timeout' })).toBeGreaterThan(timeoutsBefore);
  });

  it('Products hangs: an add answers 503 within the same budget', async () => {
    const { client, cart } = await customerWithLine();
    products.service.mode = 'hang';

    const ms = await expectAddRefused(client, cart);

    report('dependencies', `Products hangs: add answered 503 in ${ms} ms`);
    expect(ms).toBeLessThan(maxTimeTo503Ms);
  });

  it('Billing slow: an answer in 100 ms is used; answers after 450 ms (beyond the 300 ms attempt timeout) give 503 in time', async () => {
    const { client, cart } = await customerWithLine();
    billing.service.delayMs = 100;
    const slow = await timed(() => client.setQuantity(cart.id, onHand, 3));
    billing.service.delayMs = 450;

    const ms = await expectAddRefused(client, slow.result.body);

    report('dependencies', `Billing answering in 100 ms: set quantity 200 in ${slow.ms} ms; answering in 450 ms: add 503 in ${ms} ms`);
    expect(slow.result.status).toBe(200);
    expect(slow.result.body.items[0]?.quantity).toBe(3);
    expect(ms).toBeLessThan(maxTimeTo503Ms);
  });

  it('30 adds at once while Billing hangs: each answers 503 within the budget, and reads answer meanwhile', async () => {
    const customer = await dedicated.newCustomer();
    const carts = await Promise.all(Array.from({ length: 30 }, () => customer.client.createCart()));
    billing.service.mode = 'hang';

    const adds = Promise.all(carts.map(({ body }) => timed(() => customer.client.addItem(body.id, second, 1))));
    await sleep(100);
    const read = await timed(() => customer.client.getCart(carts[0]?.body.id ?? ''));
    const results = await adds;

    const times = results.map(({ ms }) => ms).sort((a, b) => a - b);
    report(
      'dependencies',
      `30 adds at once while Billing hangs: ${results.filter(({ result }) => result.status === 503).length} x 503, ` +
        `median ${times[15]} ms, slowest ${times.at(-1)} ms; a read during them answered ${read.result.status} in ${read.ms} ms`,
    );
    for (const { result } of results) expectUnavailable(result);
    expect(times.at(-1)).toBeLessThan(maxTimeTo503Ms);
    expect(read.result.status).toBe(200);
    expect(read.ms).toBeLessThan(noDependencyMs);
    const after = await Promise.all(carts.map(({ body }) => customer.client.getCart(body.id)));
    expect(after.map((response) => response.body.version)).toEqual(carts.map(() => 1));
  });

  it('Billing answers 500: 503 after the retries, nothing changed', async () => {
    const { client, cart } = await customerWithLine();
    const mark = billing.service.requests.length;
    billing.service.mode = 'server-error';

    const ms = await expectAddRefused(client, cart);

    report('dependencies', `Billing 500: add answered 503 in ${ms} ms after ${billing.service.since(mark).length} calls to Billing`);
    expect(billing.service.since(mark).length).toBeGreaterThanOrEqual(2);
    expect(ms).toBeLessThan(maxTimeTo503Ms);
  });

  it('Billing resets the connection: 503, nothing changed', async () => {
    const { client, cart } = await customerWithLine();
    billing.service.mode = 'reset';

    expect(await expectAddRefused(client, cart)).toBeLessThan(maxTimeTo503Ms);
  });

  it('Billing unreachable (connection refused): 503, nothing changed', async () => {
    const { client, cart } = await customerWithLine();
    await billing.service.goDown();

    expect(await expectAddRefused(client, cart)).toBeLessThan(maxTimeTo503Ms);
  });

  it('Products answers malformed JSON: 503, nothing changed', async () => {
    const { client, cart } = await customerWithLine();
    const errorsBefore = await clientCalls(dedicated.api.baseUrl, { dependency: 'products', outcome: 'error' });
    products.service.mode = 'malformed-json';

    const ms = await expectAddRefused(client, cart);
    const set = await client.setQuantity(cart.id, onHand, 4);

    report('dependencies', `Products malformed JSON: add answered 503 in ${ms} ms`);
    expectUnavailable(set);
    await expectCartUnchanged(client, cart);
    expect(await clientCalls(dedicated.api.baseUrl, { dependency: 'products', outcome: 'error' })).toBeGreaterThan(errorsBefore);
  });

  it('enough failures open the breaker: calls fail fast without reaching Billing; after the half-open time writes succeed again', async () => {
    const { client, cart } = await customerWithLine();
    expect(await breakerState(dedicated.api.baseUrl, 'billing')).toBe(0);
    billing.service.mode = 'server-error';

    let failedAdds = 0;
    let state: number | undefined = 0;
    while (state !== 2 && failedAdds < 10) {
      expectUnavailable(await client.addItem(cart.id, second, 1));
      failedAdds += 1;
      state = await breakerState(dedicated.api.baseUrl, 'billing');
    }
    expect(state).toBe(2);
    const mark = billing.service.requests.length;
    const fast: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 5; i += 1) {
      const { result, ms } = await timed(() => client.addItem(cart.id, second, 1));
      retryAfter = expectUnavailable(result);
      fast.push(ms);
    }
    const samples = await scrapeMetrics(dedicated.api.baseUrl);

    expect(billing.service.since(mark)).toEqual([]);
    expect(sampleValue(samples, 'cart_client_requests_total', { dependency: 'billing', outcome: 'circuit_open' })).toBeGreaterThanOrEqual(5);
    expect(sampleValue(samples, 'cart_client_request_duration_seconds_count', { dependency: 'billing' })).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil(halfOpenMs / 1000));
    // Well under one attempt timeout (300 ms); that none reached Billing is the real proof.
    expect(Math.max(...fast)).toBeLessThan(300);
    await expectCartUnchanged(client, cart);

    billing.service.mode = 'ok';
    const recovered = await untilWritesSucceed();
    const added = await client.addItem(cart.id, second, 1);

    report(
      'dependencies',
      `breaker: open (cart_client_circuit_state{dependency="billing"} 2) after ${failedAdds} failed adds; ` +
        `open-breaker 503s took ${fast.join(', ')} ms without calling Billing (Retry-After ${retryAfter}); ` +
        `writes succeeded again ${recovered} ms after Billing recovered (half-open after ${halfOpenMs} ms)`,
    );
    expect(added.status).toBe(200);
    expect(added.body.items.map((item) => item.productId)).toEqual([onHand, second]);
    expect(await breakerState(dedicated.api.baseUrl, 'billing')).toBe(0);
  });

  it('with Billing hanging, a doomed add answers at once: stale If-Match 412, unknown cart 404, a stranger 404', async () => {
    const { client, cart } = await customerWithLine();
    const stranger = await dedicated.newCustomer();
    const mark = billing.service.requests.length;
    billing.service.mode = 'hang';

    const stale = await timed(() => client.addItem(cart.id, second, 1, { 'if-match': `"${cart.version - 1}"` }));
    const unknown = await timed(() => client.addItem(crypto.randomUUID(), second, 1));
    const foreign = await timed(() => stranger.client.addItem(cart.id, second, 1));

    report('dependencies', `doomed adds while Billing hangs: 412 in ${stale.ms} ms, 404 in ${unknown.ms} ms, 404 in ${foreign.ms} ms`);
    expectProblem(stale.result, 412, 'CART_VERSION_MISMATCH');
    expectProblem(unknown.result, 404, 'CART_NOT_FOUND');
    expectProblem(foreign.result, 404, 'CART_NOT_FOUND');
    for (const { ms } of [stale, unknown, foreign]) expect(ms).toBeLessThan(noDependencyMs);
    expect(billing.service.since(mark)).toEqual([]);
  });

  it('with Billing hanging and Products failing, quantity 0, removing a line, emptying and deleting still work at once', async () => {
    const customer = await dedicated.newCustomer();
    const cart = (await customer.client.createCart()).body;
    for (const sku of [onHand, second, third]) expect((await customer.client.addItem(cart.id, sku, 1)).status).toBe(200);
    const marks = [products.service.requests.length, billing.service.requests.length] as const;
    billing.service.mode = 'hang';
    products.service.mode = 'server-error';

    const zero = await timed(() => customer.client.setQuantity(cart.id, onHand, 0));
    const removed = await timed(() => customer.client.removeItem(cart.id, second));
    const read = await timed(() => customer.client.getCart(cart.id));
    const emptied = await timed(() => customer.client.emptyCart(cart.id));
    const created = await timed(() => customer.client.createCart());
    const deleted = await timed(() => customer.client.deleteCart(cart.id));

    const all = { zero, removed, read, emptied, created, deleted };
    report('dependencies', `with both dependencies down: ${Object.entries(all).map(([name, { result, ms }]) => `${name} ${result.status} in ${ms} ms`).join(', ')}`);
    expect(zero.result.body.items.map((item) => item.productId)).toEqual([second, third]);
    expect(removed.result.body.items.map((item) => item.productId)).toEqual([third]);
    expect(emptied.result.body).toEqual(expect.objectContaining({ version: 7, items: [] }));
    expect(Object.values(all).map(({ result }) => result.status)).toEqual([200, 200, 200, 200, 201, 204]);
    for (const { ms } of Object.values(all)) expect(ms).toBeLessThan(noDependencyMs);
    expect([products.service.requests.length, billing.service.requests.length]).toEqual(marks);
  });
});
