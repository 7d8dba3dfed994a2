import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  createPostgresDatabaseUrl,
  freePort,
  postgresAvailable,
  startApi,
  workspaceRoot,
  type ApiProcess,
  type PostgresDatabaseUrl,
} from '@carteria/testing';
import { loadOffers } from '../baseline/offers.ts';
import { cartId, ownerId } from '../load/cart-ids.ts';
import { BenchDatabase, type SeedProduct } from '../servers/bench-database.ts';
import { benchSecret, benchToken } from '../servers/bench-token.ts';
import { ServerProcess } from '../servers/server-process.ts';
import { isTransactionControl, SqlStatementProxy, type SeenStatement } from './sql-statement.proxy.ts';

const describePostgres = postgresAvailable() ? describe : describe.skip;

/** Issue 8: a read is at most 2 statements; an add at most 5, its outbox and idempotency writes included. */
const budget = { read: 2, add: 5 };
/** What the api sends today (BEGIN and COMMIT apart): a ratchet, so it cannot grow unnoticed. */
const today = { add: 5, setQuantity: 3 };

const small = { prefix: 0x201, lines: 1 };
const large = { prefix: 0x232, lines: 50 };
/** A full cart (the 100-line limit): it can only grow lines it has. */
const full = { prefix: 0x264, lines: 100 };

describePostgres('query budget per request (PostgreSQL; statements read off the wire by a proxy)', () => {
  let scratch: PostgresDatabaseUrl;
  let proxy: SqlStatementProxy;
  let api: ApiProcess;
  let baseline: ServerProcess;
  const tokens = new Map<string, string>();
  let products: SeedProduct[];

  beforeAll(async () => {
    scratch = await createPostgresDatabaseUrl();
    const direct = new URL(scratch.url);
    proxy = await SqlStatementProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(scratch.url);
    proxied.port = String(proxy.port);
    const env = { DATABASE_URL: proxied.toString(), NODE_ENV: 'production', AUTH_JWT_SECRET: benchSecret };
    api = await startApi({ ...env, CART_SWEEP_INTERVAL_MS: String(3_600_000) });
    baseline = await ServerProcess.start({
      name: 'baseline',
      script: path.join(workspaceRoot, 'tools/bench/src/baseline-server.ts'),
      env,
      port: await freePort(),
      logFile: '/dev/null',
      cwd: workspaceRoot,
      nodeBinary: path.join(workspaceRoot, 'node_modules/.bin/node'),
    });
    products = [...(loadOffers().get('EUR') ?? new Map()).entries()].map(([id, offer]) => ({ id, ...offer }));
    const database = BenchDatabase.attach(scratch.url);
    try {
      for (const { prefix, lines } of [small, large, full]) {
        await database.seedCarts(prefix, 4, products.slice(0, lines));
        for (let index = 1; index <= 4; index++) tokens.set(cartId(prefix, index), await benchToken(ownerId(prefix, index)));
      }
    } finally {
      await database.close();
    }
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await baseline?.stop();
    await proxy?.close();
    await scratch?.dispose();
  });

  /** The statements one request makes, BEGIN/COMMIT apart, after the server has gone quiet. */
  async function statementsOf(send: () => Promise<Response>): Promise<{ work: SeenStatement[]; all: SeenStatement[] }> {
    await quiet();
    proxy.reset();
    const response = await send();
    await response.text();
    expect(response.status).toBe(200);
    await quiet();
    const all = [...proxy.statements];
    return { work: all.filter((statement) => !isTransactionControl(statement)), all };
  }

  const headers = (cart: string) => ({ authorization: `Bearer ${tokens.get(cart) ?? ''}`, 'content-type': 'application/json' });
  const read = (base: string, cart: string) => () => fetch(`${base}/v1/carts/${cart}`, { headers: headers(cart) });
  const add = (base: string, cart: string, productId: string) => () =>
    fetch(`${base}/v1/carts/${cart}/items`, {
      method: 'POST',
      headers: { ...headers(cart), 'idempotency-key': randomUUID() },
      body: JSON.stringify({ productId, quantity: 1 }),
    });
  const setQuantity = (base: string, cart: string, productId: string, quantity: number) => () =>
    fetch(`${base}/v1/carts/${cart}/items/${productId}`, { method: 'PUT', headers: headers(cart), body: JSON.stringify({ quantity }) });

  it(`reads a cart in at most ${budget.read} statements, with 1 line as with 50`, async () => {
    const one = await statementsOf(read(api.baseUrl, cartId(small.prefix, 1)));
    const fifty = await statementsOf(read(api.baseUrl, cartId(large.prefix, 1)));
    expect(one.all.length).toBeLessThanOrEqual(budget.read);
    expect(fifty.all.length).toBe(one.all.length);
  });

  it('adds an item (growing a line or a new one) in as many statements with 1 line as with 50', async () => {
    const product = products[0]!.id;
    const grow = [await statementsOf(add(api.baseUrl, cartId(small.prefix, 1), product)), await statementsOf(add(api.baseUrl, cartId(large.prefix, 1), product))];
    expect(grow[1]!.all.length).toBe(grow[0]!.all.length);
    const newLine = products[60]!.id;
    const fresh = [await statementsOf(add(api.baseUrl, cartId(small.prefix, 2), newLine)), await statementsOf(add(api.baseUrl, cartId(large.prefix, 2), newLine))];
    expect(fresh[1]!.all.length).toBe(fresh[0]!.all.length);
  });

  it('reads, grows a line and changes a quantity in as many statements with 100 lines as with 1', async () => {
    const product = products[0]!.id;
    const count = async (cart: string) =>
      [
        await statementsOf(read(api.baseUrl, cart)),
        await statementsOf(add(api.baseUrl, cart, product)),
        await statementsOf(setQuantity(api.baseUrl, cart, product, 4)),
      ].map((statements) => statements.all.length);
    const one = await count(cartId(small.prefix, 4));
    expect(await count(cartId(full.prefix, 1))).toEqual(one);
  });

  it(`keeps an add with an Idempotency-Key within today's ${today.add} statements and a quantity change within ${today.setQuantity}`, async () => {
    const added = await statementsOf(add(api.baseUrl, cartId(small.prefix, 3), products[0]!.id));
    const changed = await statementsOf(setQuantity(api.baseUrl, cartId(small.prefix, 3), products[0]!.id, 7));
    expect(added.work.length).toBeLessThanOrEqual(today.add);
    expect(changed.work.length).toBeLessThanOrEqual(today.setQuantity);
  });

  it(`adds an item with its outbox and idempotency writes in at most ${budget.add} statements`, async () => {
    const added = await statementsOf(add(api.baseUrl, cartId(small.prefix, 4), products[0]!.id));
    expect(added.work.length).toBeLessThanOrEqual(budget.add);
  });

  it("has the baseline send the api's statements, in the api's order, for a read, an add and a quantity change", async () => {
    const sequencesOf = async (base: string, cart: string) => {
      const sql = (statements: { all: SeenStatement[] }) => statements.all.map((statement) => statement.sql.trim());
      return [
        sql(await statementsOf(read(base, cart))),
        sql(await statementsOf(add(base, cart, products[1]!.id))),
        sql(await statementsOf(add(base, cart, products[70]!.id))),
        sql(await statementsOf(setQuantity(base, cart, products[2]!.id, 5))),
      ];
    };
    const fromApi = await sequencesOf(api.baseUrl, cartId(large.prefix, 3));
    expect(await sequencesOf(baseline.baseUrl, cartId(large.prefix, 4))).toEqual(fromApi);
  });

  it("has the baseline answer the api's JSON and ETag", async () => {
    const cart = cartId(large.prefix, 1);
    const [fromApi, fromBaseline] = await Promise.all([read(api.baseUrl, cart)(), read(baseline.baseUrl, cart)()]);
    expect(fromBaseline.headers.get('etag')).toBe(fromApi.headers.get('etag'));
    expect(fromBaseline.headers.get('content-type')).toBe(fromApi.headers.get('content-type'));
    expect(await fromBaseline.json()).toEqual(await fromApi.json());
  });
});

/** Lets in-flight statements (pool connects, a readiness ping) finish before and after counting. */
function quiet(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100));
}
