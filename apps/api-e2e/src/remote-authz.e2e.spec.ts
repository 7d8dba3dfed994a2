import type { ApiResponse, Customer } from './support/api-client.ts';
import type { CartBody } from './support/api.types.ts';
import { expectCartUnchanged } from './support/cart.assertions.ts';
import { sellableIds } from './support/catalog.data.ts';
import { startDedicatedApi, type DedicatedApi } from './support/dedicated-api.ts';
import { apiMdPolicy, decisionPath, FakeOpa, type DecisionInput } from './support/fake-opa.server.ts';
import { expectProblem } from './support/problem.assertions.ts';
import { report, sleep, timed } from './support/timing.ts';

// One api of this suite's own with AUTHZ_URL on a fake OPA (products and prices stay embedded).
// The cache TTL is short so that expiry fits in a test; the breaker half-opens quickly so one
// outage does not spill into the next test.
const cacheTtlMs = 1500;
const halfOpenMs = 500;
const [sku, other] = sellableIds(2) as [string, string];

let opa: FakeOpa;
let dedicated: DedicatedApi;

beforeAll(async () => {
  opa = await FakeOpa.start();
  dedicated = await startDedicatedApi({
    AUTHZ_URL: opa.service.url,
    AUTHZ_CACHE_TTL_MS: String(cacheTtlMs),
    DEPENDENCY_BREAKER_HALF_OPEN_MS: String(halfOpenMs),
  });
}, 60_000);

afterAll(async () => {
  await dedicated?.stop();
  await opa?.service.close();
});

afterEach(async () => {
  await opa.service.comeBack();
  opa.service.mode = 'ok';
  opa.policy = apiMdPolicy;
  await untilDecisionsSucceed();
});

/** A new user's question is never cached: polls until the policy service answers again (breaker closed). */
async function untilDecisionsSucceed(): Promise<void> {
  const started = performance.now();
  for (;;) {
    const { client, userId } = await dedicated.newCustomer();
    if ((await client.listCarts(userId)).status === 200) return;
    if (performance.now() - started > 5_000 + 3 * halfOpenMs) throw new Error('the policy service never answered again');
    await sleep(100);
  }
}

async function ownerWithLine(): Promise<Customer & { cart: CartBody }> {
  const owner = await dedicated.newCustomer();
  const created = await owner.client.createCart();
  expect(created.status).toBe(201);
  const added = await owner.client.addItem(created.body.id, sku, 2);
  expect(added.status).toBe(200);
  return { ...owner, cart: added.body };
}

/** The questions about `subject` asked since `mark`, as "action ownerId". */
function asked(mark: number, subject: string): string[] {
  return opa
    .inputsSince(mark)
    .filter((input) => input.subject === subject)
    .map((input) => `${input.action} ${input.ownerId}`);
}

/** Fail closed: 503 problem+json with Retry-After, never a 2xx. */
function expectUnavailable(response: ApiResponse): void {
  const code = (response.body as { code?: unknown } | undefined)?.code;
  expect({ status: response.status, code }).toEqual({ status: 503, code: expect.stringMatching(/^(AUTH|DEPENDENCY)_UNAVAILABLE$/) });
  expectProblem(response, 503, String(code));
  expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
}

describe('access decisions asked of a remote policy service (a dedicated api on a fake OPA)', () => {
  it("allow: the owner creates, changes, reads and lists; each question is OPA's input document", async () => {
    const mark = opa.service.requests.length;
    const { client, userId, cart } = await ownerWithLine();

    const read = await client.getCart(cart.id);
    const listed = await client.listCarts(userId);

    expect(read.status).toBe(200);
    expect(read.body).toStrictEqual(cart);
    expect(listed.body.items.map((item) => item.id)).toEqual([cart.id]);
    const requests = opa.service.since(mark).filter((request) => JSON.stringify(request.body).includes(userId));
    expect(requests.map((request) => [request.method, request.path, request.contentType])).toEqual(
      requests.map(() => ['POST', decisionPath, expect.stringMatching(/^application\/json/)]),
    );
    expect(opa.inputsSince(mark).filter((input) => input.subject === userId)).toEqual(
      expect.arrayContaining<DecisionInput>([
        { subject: userId, scopes: [], action: 'cart.create', ownerId: userId },
        { subject: userId, scopes: [], action: 'cart.change', ownerId: userId },
        { subject: userId, scopes: [], action: 'cart.read', ownerId: userId },
        { subject: userId, scopes: [], action: 'carts.list', ownerId: userId },
      ]),
    );
  });

  it("deny: another customer's cart looks missing (404) on read and on changes; listing their carts is 403", async () => {
    const owner = await ownerWithLine();
    const stranger = await dedicated.newCustomer();
    const mark = opa.service.requests.length;

    expectProblem(await stranger.client.getCart(owner.cart.id), 404, 'CART_NOT_FOUND');
    expectProblem(await stranger.client.addItem(owner.cart.id, other, 1), 404, 'CART_NOT_FOUND');
    expectProblem(await stranger.client.deleteCart(owner.cart.id), 404, 'CART_NOT_FOUND');
    expectProblem(await stranger.client.listCarts(owner.userId), 403, 'FORBIDDEN');

    expect(asked(mark, stranger.userId)).toEqual(
      expect.arrayContaining([`cart.read ${owner.userId}`, `cart.change ${owner.userId}`, `carts.list ${owner.userId}`]),
    );
    await expectCartUnchanged(owner.client, owner.cart);
  });

  it('a caller the policy lets read a cart but not change it gets 403 on a change', async () => {
    const owner = await ownerWithLine();
    const reader = await dedicated.newCustomer({ scopes: ['carts:read'] });

    const read = await reader.client.getCart(owner.cart.id);
    const write = await reader.client.addItem(owner.cart.id, other, 1);

    expect(read.status).toBe(200);
    expectProblem(write, 403, 'FORBIDDEN');
    await expectCartUnchanged(owner.client, owner.cart);
  });

  it('the remote answer decides, not the token: denied, an owner sees no cart and a customer may not create one; allowed, a stranger may read', async () => {
    const owner = await ownerWithLine();
    const [stranger, newcomer] = await Promise.all([dedicated.newCustomer(), dedicated.newCustomer()]);
    const denied = new Set([owner.userId, newcomer.userId]);
    opa.policy = (input) =>
      denied.has(input.subject) ? false : input.subject === stranger.userId && input.action === 'cart.read' ? true : apiMdPolicy(input);

    // The owner's cart.create and cart.change answers are still cached: ask what was not asked yet.
    expectProblem(await owner.client.getCart(owner.cart.id), 404, 'CART_NOT_FOUND');
    expectProblem(await owner.client.deleteCart(owner.cart.id), 404, 'CART_NOT_FOUND');
    expectProblem(await newcomer.client.createCart(), 403, 'FORBIDDEN');
    const strangerRead = await stranger.client.getCart(owner.cart.id);

    expect(strangerRead.status).toBe(200);
    expect(strangerRead.body).toStrictEqual(owner.cart);
  });

  it("OPA's undefined document ({}) is a deny", async () => {
    const owner = await ownerWithLine();
    opa.policy = () => undefined;

    expectProblem(await owner.client.getCart(owner.cart.id), 404, 'CART_NOT_FOUND');
    expectProblem(await owner.client.listCarts(owner.userId), 403, 'FORBIDDEN');
  });

  it('OPA unreachable: reads and writes answer 503, never allowed, and nothing changes', async () => {
    const owner = await ownerWithLine();
    const newcomer = await dedicated.newCustomer();
    await opa.service.goDown();

    const read = await timed(() => owner.client.getCart(owner.cart.id));
    const deleted = await owner.client.deleteCart(owner.cart.id);
    const created = await newcomer.client.createCart();
    const listed = await newcomer.client.listCarts(newcomer.userId);
    await sleep(cacheTtlMs + 100);
    const changed = await owner.client.addItem(owner.cart.id, other, 1);

    report('authz', `OPA unreachable: GET answered ${read.result.status} in ${read.ms} ms`);
    for (const response of [read.result, deleted, created, listed, changed]) expectUnavailable(response);
    await opa.service.comeBack();
    await untilDecisionsSucceed();
    await expectCartUnchanged(owner.client, owner.cart);
    expect((await newcomer.client.listCarts(newcomer.userId)).body.items).toEqual([]);
  });

  it.each([
    ['answers 500', 'server-error'],
    ['answers malformed JSON', 'malformed-json'],
    ['resets the connection', 'reset'],
    ['hangs', 'hang'],
  ] as const)('OPA %s: 503, never allowed', async (_name, mode) => {
    const owner = await ownerWithLine();
    opa.service.mode = mode;

    const { result, ms } = await timed(() => owner.client.getCart(owner.cart.id));

    report('authz', `OPA ${mode}: GET answered ${result.status} in ${ms} ms`);
    expectUnavailable(result);
    expect(ms).toBeLessThan(1500);
  });

  // Access is decided before the cart is locked, so a slow OPA never holds a database connection.
  it('a delete whose decision waits on a hanging OPA does not hold up another customer whose decision is cached', async () => {
    const [a, b] = await Promise.all([ownerWithLine(), ownerWithLine()]);
    expect((await b.client.getCart(b.cart.id)).status).toBe(200);
    opa.service.mode = 'hang';

    const deleting = timed(() => a.client.deleteCart(a.cart.id));
    await sleep(50);
    const read = await timed(() => b.client.getCart(b.cart.id));
    const deleted = await deleting;

    report('authz', `delete waiting on OPA ${deleted.result.status} in ${deleted.ms} ms; other customer's cached read ${read.result.status} in ${read.ms} ms`);
    expect(read.result.status).toBe(200);
    expect(read.ms).toBeLessThan(300);
  });

  it(`decision cache: identical questions within AUTHZ_CACHE_TTL_MS (${cacheTtlMs} ms) reach OPA once, allow and deny alike; after it, again`, async () => {
    const owner = await ownerWithLine();
    const stranger = await dedicated.newCustomer();
    const mark = opa.service.requests.length;

    for (let i = 0; i < 5; i += 1) expect((await owner.client.getCart(owner.cart.id)).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await owner.client.setQuantity(owner.cart.id, sku, 3 + i)).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await stranger.client.getCart(owner.cart.id)).status).toBe(404);
    const within = { owner: asked(mark, owner.userId), stranger: asked(mark, stranger.userId) };
    await sleep(cacheTtlMs + 100);
    const afterTtl = opa.service.requests.length;
    expect((await owner.client.getCart(owner.cart.id)).status).toBe(200);

    report(
      'authz',
      `decision cache: 5 reads + 3 changes by the owner asked OPA ${within.owner.length} times, ` +
        `3 denied reads by a stranger ${within.stranger.length} time(s); after ${cacheTtlMs} ms a read asked again ` +
        `(${asked(afterTtl, owner.userId).length})`,
    );
    // Each distinct question at most once (cart.change may still be cached from ownerWithLine's add).
    expect(within.owner.filter((question) => question === `cart.read ${owner.userId}`)).toHaveLength(1);
    expect(new Set(within.owner).size).toBe(within.owner.length);
    expect(within.stranger).toEqual([`cart.read ${owner.userId}`]);
    expect(asked(afterTtl, owner.userId)).toEqual([`cart.read ${owner.userId}`]);
  });
});
