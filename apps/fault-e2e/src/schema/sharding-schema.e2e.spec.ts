import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { createTestDatabase, postgresAvailable, type ApiProcess, type TestDatabase } from '@carteria/testing';
import { sellableProductIds } from '../support/catalog.ts';
import { startApiOn } from '../support/fault-api.ts';
import { canStartPostgres, PostgresServer } from '../support/postgres-server.ts';
import { newJwtSecret, signToken } from '../support/test-token.ts';
import { foreignKeys, shardingViolations } from './catalog-checks.ts';
import { driveEveryEndpoint } from './request-path.ts';
import { checkStatement, recordedStatements, type CheckedStatement } from './statement-checks.ts';

(postgresAvailable() ? describe : describe.skip)('sharding-ready schema, read from the catalog after migrate (skipped unless TEST_DATABASE_URL is set)', () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase({ engine: 'postgres' });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await database?.dispose();
  });

  it('keys every cart table by the cart id first, has no sequence or identity column, no foreign key across aggregates, and an index for listing by owner', async () => {
    const violations = await shardingViolations(client);
    console.log(`[schema] foreign keys: ${(await foreignKeys(client)).join('; ')} (inside the cart aggregate, on the distribution column); violations: ${violations.length}`);
    expect(violations).toEqual([]);
  });

  it('finds each kind of violation in a schema that has them', async () => {
    await client.query('BEGIN');
    try {
      await client.query('CREATE TABLE shoppers (id bigserial PRIMARY KEY)');
      await client.query('ALTER TABLE carts ADD COLUMN shopper_id bigint REFERENCES shoppers (id)');
      await client.query('CREATE TABLE cart_notes (id integer GENERATED ALWAYS AS IDENTITY, cart_id uuid, PRIMARY KEY (id, cart_id))');
      await client.query('CREATE UNIQUE INDEX cart_lines_product_id_key ON cart_lines (product_id, position)');
      await client.query('DROP INDEX carts_owner_id_id_idx');
      const violations = await shardingViolations(client);
      expect(violations).toEqual(
        expect.arrayContaining([
          'sequence public.shoppers_id_seq',
          "shoppers.id: default nextval('shoppers_id_seq'::regclass)",
          'cart_notes.id: identity column',
          'foreign key carts_shopper_id_fkey: carts(shopper_id) -> shoppers(id) crosses aggregates',
          'cart_lines: unique cart_lines_product_id_key (product_id, position) lacks cart_id',
          "carts: no index led by owner_id for listing a user's carts",
        ]),
      );
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

const statementsRunnable = postgresAvailable() && canStartPostgres();

(statementsRunnable ? describe : describe.skip)(
  'every statement on the request path reaches the cart tables by cart id, or by owner for the listing (pg_stat_statements on a server of its own; skipped without TEST_DATABASE_URL or the PostgreSQL 15 binaries)',
  () => {
    let server: PostgresServer;
    let api: ApiProcess;
    let client: pg.Client;
    const secret = newJwtSecret();

    beforeAll(async () => {
      server = await PostgresServer.start();
      const admin = new pg.Client({ connectionString: server.url() });
      await admin.connect();
      try {
        await admin.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
        await admin.query('CREATE DATABASE carteria');
      } finally {
        await admin.end();
      }
      await server.crash(); // shared_preload_libraries is read at start only
      await server.restart();
      client = new pg.Client({ connectionString: server.url('carteria') });
      await client.connect();
      await client.query('CREATE EXTENSION pg_stat_statements');
      // No broker and an hourly sweep: what runs is what requests make (plus the readiness ping).
      api = await startApiOn(server.url('carteria'), secret, { CART_SWEEP_INTERVAL_MS: '3600000', DATABASE_QUERY_TIMEOUT_MS: '5000' });
    }, 120_000);

    afterAll(async () => {
      await api?.stop();
      await client?.end();
      await server?.destroy();
    }, 60_000);

    it('checks each distinct statement of every endpoint against the planner: 0 violations', async () => {
      await client.query('SELECT pg_stat_statements_reset()');
      const statuses = await driveEveryEndpoint(api.baseUrl, await signToken(secret), sellableProductIds(3));
      expect(Object.entries(statuses).filter(([, status]) => status >= 300 && status !== 304)).toEqual([]);

      const checked: CheckedStatement[] = [];
      for (const statement of await recordedStatements(client)) checked.push(await checkStatement(client, statement));
      const by = (access: CheckedStatement['access']) => checked.filter((statement) => statement.access === access);
      console.log(
        [
          `[schema] ${Object.keys(statuses).length} calls (${Object.entries(statuses).map(([label, status]) => `${label} ${status}`).join(', ')})`,
          `[schema] ${checked.length} distinct statements: ${by('cart').length} by cart id, ${by('owner').length} by owner (the listing), ${by('record').length} idempotency records by their key, ${by('none').length} touching no cart table, ${by('violation').length} violations`,
          ...checked
            .filter((statement) => statement.access !== 'none')
            .map((statement) => `[schema]   ${statement.access.padEnd(9)} ${statement.calls}x ${statement.detail} <- ${statement.query.replace(/\s+/g, ' ').slice(0, 140)}`),
        ].join('\n'),
      );
      expect(by('violation').map((statement) => `${statement.detail}: ${statement.query}`)).toEqual([]);
      expect(by('owner').length).toBeGreaterThanOrEqual(1); // the listing, with and without a cursor
      expect(by('cart').length).toBeGreaterThan(10);
    }, 120_000);

    it('counts the statements of one request of each kind, and the CPU PostgreSQL and the api spend on it (for docs/scaling.md)', async () => {
      const token = await signToken(secret);
      const products = sellableProductIds(40);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const newCart = async () => ((await (await fetch(`${api.baseUrl}/v1/carts`, { method: 'POST', headers, body: '{}' })).json()) as { id: string }).id;
      const cartId = await newCart();
      let n = 0;
      const kinds: [string, () => Promise<Response>][] = [
        ['GET a cart', () => fetch(`${api.baseUrl}/v1/carts/${cartId}`, { headers })],
        ['add with an Idempotency-Key', () => fetch(`${api.baseUrl}/v1/carts/${cartId}/items`, { method: 'POST', headers: { ...headers, 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify({ productId: products[n++ % products.length], quantity: 1 }) })],
        ['add without a key', () => fetch(`${api.baseUrl}/v1/carts/${cartId}/items`, { method: 'POST', headers, body: JSON.stringify({ productId: products[n++ % products.length], quantity: 1 }) })],
        ['set a quantity', () => fetch(`${api.baseUrl}/v1/carts/${cartId}/items/${products[n % products.length]}`, { method: 'PUT', headers, body: JSON.stringify({ quantity: 1 + (n++ % 5) }) })],
      ];
      const rounds = 200;
      const lines: string[] = [];
      for (const [label, send] of kinds) {
        await client.query('SELECT pg_stat_statements_reset()');
        const backends = (await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")).rows.map((row) => row.pid);
        const [databaseBefore, apiBefore] = [await cpuTicks(backends), await cpuTicks([api.child.pid ?? 0])];
        for (let i = 0; i < rounds; i++) {
          const response = await send();
          await response.text();
          expect(response.status).toBeLessThan(300);
        }
        const [databaseAfter, apiAfter] = [await cpuTicks(backends), await cpuTicks([api.child.pid ?? 0])];
        const { rows } = await client.query<{ work: number; control: number }>(
          `SELECT coalesce(sum(calls) FILTER (WHERE query !~* '^\\s*(BEGIN|COMMIT|ROLLBACK)'), 0)::int AS work,
                  coalesce(sum(calls) FILTER (WHERE query ~* '^\\s*(BEGIN|COMMIT|ROLLBACK)'), 0)::int AS control
           FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%pg_stat_activity%'`,
        );
        const perRequest = (ticks: number) => Math.round((ticks * 10_000) / rounds); // 100 ticks a second: µs per request
        lines.push(
          `${label}: ${((rows[0]?.work ?? 0) / rounds).toFixed(1)} statements (+ ${((rows[0]?.control ?? 0) / rounds).toFixed(1)} BEGIN/COMMIT), ` +
            `PostgreSQL backends ${perRequest(databaseAfter - databaseBefore)} µs CPU, api ${perRequest(apiAfter - apiBefore)} µs CPU (NODE_ENV=test, LOG_LEVEL=warn, no tracing)`,
        );
      }
      console.log(`[schema] per request, ${rounds} sequential requests each (pg_stat_statements; CPU from /proc/<pid>/stat):\n[schema]   ${lines.join('\n[schema]   ')}`);
    }, 180_000);

    it('flags a statement that reads the cart tables without a cart id', async () => {
      const scatter = await checkStatement(client, { query: 'SELECT * FROM cart_lines WHERE product_id = $1', calls: 1 });
      const byStatus = await checkStatement(client, { query: 'SELECT id FROM carts WHERE status = $1 AND updated_at < $2', calls: 1 });
      const insert = await checkStatement(client, { query: 'INSERT INTO cart_events (sequence, id) VALUES ($1, $2)', calls: 1 });
      expect([scatter.access, byStatus.access, insert.access]).toEqual(['violation', 'violation', 'violation']);
    });
  },
);

/** utime + stime of these processes, in clock ticks (1/100 s on Linux). */
async function cpuTicks(pids: readonly number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks;
}
