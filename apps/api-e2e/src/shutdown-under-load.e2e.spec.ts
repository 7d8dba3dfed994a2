import { randomBytes } from 'node:crypto';
import { LoadBalancer, startApi, type ApiProcess } from '@carteria/testing';
import { ApiClient, newCustomer, type Customer } from './support/api-client.ts';
import { postgresDatabase, type ApiDatabase } from './support/api-databases.ts';
import { sellableIds } from './support/catalog.data.ts';
import { backends } from './support/e2e-environment.ts';

const secret = randomBytes(32).toString('base64url');
const [product] = sellableIds(1) as [string];
const shutdownDelayMs = 1_500;
const postgres = backends().some(({ name }) => name === 'postgres');

interface Tally {
  ok: number;
  failed: string[];
}

/** One shopper: adds one unit, reads the cart, again and again until `running()` is false. */
async function shop(customer: Customer, cartId: string, running: () => boolean, tally: Tally): Promise<number> {
  let acknowledged = 0;
  while (running()) {
    try {
      const added = await customer.client.addItem(cartId, product, 1);
      if (added.status === 200) {
        acknowledged += 1;
        tally.ok += 1;
      } else tally.failed.push(`add ${added.status} ${added.text.slice(0, 120)}`);
      const read = await customer.client.getCart(cartId);
      if (read.status === 200) tally.ok += 1;
      else tally.failed.push(`read ${read.status} ${read.text.slice(0, 120)}`);
    } catch (error) {
      tally.failed.push(error instanceof Error ? error.message : String(error));
    }
  }
  return acknowledged;
}

// Two apis on one PostgreSQL database: the embedded database belongs to one process.
(postgres ? describe : describe.skip)('graceful shutdown under load, behind a load balancer (PostgreSQL; skipped without it)', () => {
  let database: ApiDatabase;
  let apis: ApiProcess[] = [];
  let balancer: LoadBalancer | undefined;

  beforeAll(async () => {
    database = await postgresDatabase();
    const env = { NODE_ENV: 'test', AUTH_JWT_SECRET: secret, SHUTDOWN_DELAY_MS: String(shutdownDelayMs), ...database.env };
    apis = await Promise.all([startApi(env), startApi(env)]);
    balancer = await LoadBalancer.start(apis.map((api) => api.baseUrl), { probeIntervalMs: 100 });
  }, 60_000);

  afterAll(async () => {
    await balancer?.close();
    await Promise.all(apis.map((api) => api.stop('SIGKILL')));
    await database?.cleanup();
  });

  it('SIGTERM to one of two instances under steady load: 0 failed requests, exit 0, every acknowledged add kept', async () => {
    const [leaving, staying] = apis as [ApiProcess, ApiProcess];
    const backend = { name: 'postgres' as const, baseUrl: balancer?.baseUrl ?? '' };
    const shoppers = await Promise.all(Array.from({ length: 12 }, () => newCustomer(backend, { secret })));
    const carts = await Promise.all(shoppers.map(async (customer) => (await customer.client.createCart()).body.id));
    const tally: Tally = { ok: 0, failed: [] };
    let running = true;
    const load = shoppers.map((customer, i) => shop(customer, carts[i] ?? '', () => running, tally));

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const beforeSignal = tally.ok;
    leaving.child.kill('SIGTERM');
    const signalledAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const readiness = await fetch(`${leaving.baseUrl}/readyz`);
    const direct = await new ApiClient(leaving.baseUrl, shoppers[0]?.token).getCart(carts[0] ?? '');
    const exit = await leaving.exitWithin(20_000);
    const stoppedAfterMs = Date.now() - signalledAt;
    await new Promise((resolve) => setTimeout(resolve, 500));
    running = false;
    const acknowledged = await Promise.all(load);

    console.log(
      `[api-e2e shutdown] SIGTERM under load through a load balancer: ${tally.ok} requests answered 200 ` +
        `(${beforeSignal} before the signal), ${tally.failed.length} failed; the instance exited ${exit.code} ` +
        `${stoppedAfterMs} ms after SIGTERM (SHUTDOWN_DELAY_MS ${shutdownDelayMs})`,
    );
    expect(tally.failed).toEqual([]);
    expect({ readyz: readiness.status, body: await readiness.json() }).toEqual({ readyz: 503, body: { status: 'draining' } });
    expect(direct?.status).toBe(200);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(stoppedAfterMs).toBeGreaterThanOrEqual(shutdownDelayMs);
    expect(tally.ok).toBeGreaterThan(beforeSignal);
    expect(balancer?.readyUpstreams).toEqual([new URL(staying.baseUrl).origin]);

    const kept = await Promise.all(carts.map(async (cartId, i) => (await shoppers[i]?.client.getCart(cartId))?.body.items[0]?.quantity ?? 0));
    expect(kept).toEqual(acknowledged);
  }, 90_000);
});
