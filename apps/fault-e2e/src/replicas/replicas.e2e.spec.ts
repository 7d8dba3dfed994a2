import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPostgresDatabaseUrl, NatsNode, natsServerBinary, postgresAvailable, type ApiProcess, type PostgresDatabaseUrl } from '@carteria/testing';
import { cartsStream, createCartsStream, PublishTap, readCartsStream } from '../broker/cart-stream.ts';

import { auditStream, readStoredEvents, waitFor, type StreamAudit } from '../broker/stream-audit.ts';
import { formatHistoryReport, runHistoryCheck } from '../history/history-check.ts';
import { sellableProductIds } from '../support/catalog.ts';
import { newJwtSecret, signToken } from '../support/test-token.ts';
import { cartRowLockHolders, findWorkingReplica, relayLockHolders } from './backend-owner.ts';
import { scrapeSum, startReplicaSet, type ReplicaSet } from './replica-set.ts';

const runnable = postgresAvailable() && natsServerBinary() !== undefined;
/** 5,000 keeps the suite within CI's few minutes on 2 cores; HISTORY_OPERATIONS=10000 for the one-api check's size. */
const historyOperations = Number(process.env['HISTORY_OPERATIONS'] ?? 5_000);

(runnable ? describe : describe.skip)('three api replicas on one PostgreSQL and one NATS, behind a load balancer (skipped without TEST_DATABASE_URL and nats-server)', () => {
  let database: PostgresDatabaseUrl;
  let nats: NatsNode;
  let set: ReplicaSet;
  let tap: PublishTap;
  let sql: pg.Client;
  const secret = newJwtSecret();
  const alive = (): ApiProcess[] => set.replicas.filter((replica) => replica.child.exitCode === null && replica.child.signalCode === null);
  const name = (replica: ApiProcess): string => `replica ${set.replicas.indexOf(replica) + 1}`;

  beforeAll(async () => {
    nats = await NatsNode.start({ name: 'single' });
    await createCartsStream([nats.url], 1);
    tap = await PublishTap.start([nats.url]);
    database = await createPostgresDatabaseUrl();
    // Every replica runs the relay and the sweeper (every 300 ms here, so the tests see it work).
    set = await startReplicaSet(database.url, secret, 3, { NATS_URL: nats.url, CART_SWEEP_INTERVAL_MS: '300' });
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  }, 90_000);

  afterAll(async () => {
    await sql?.end();
    await set?.stop();
    await tap?.close();
    await nats?.dispose();
    await database?.dispose();
  }, 60_000);

  /** Waits until the outbox is published and the stream holds it; audits it against `cart_events`. */
  async function settledAudit(cartIds?: readonly string[]): Promise<StreamAudit> {
    await waitFor(async () => (await readStoredEvents(database.url, cartIds)).every((event) => event.published), 60_000, 'the outbox was not drained');
    const stored = await readStoredEvents(database.url, cartIds);
    const wanted = new Set(cartIds);
    const streamed = (await readCartsStream([nats.url])).filter((message) => !cartIds || wanted.has(message.cartId));
    return auditStream(stored, streamed);
  }

  it(`the history checker through the balancer: ${historyOperations.toLocaleString('en')} operations, 0 violations, every replica serving`, async () => {
    const servedBefore = await Promise.all(set.replicas.map((replica) => scrapeSum(replica.baseUrl, 'cart_http_requests_total')));
    const report = await runHistoryCheck({ baseUrl: set.balancer.baseUrl, token: await signToken(secret), operations: historyOperations, clients: 20, carts: 5 });
    const served = (await Promise.all(set.replicas.map((replica) => scrapeSum(replica.baseUrl, 'cart_http_requests_total')))).map((n, i) => n - (servedBefore[i] ?? 0));

    console.log(`${formatHistoryReport('three replicas behind a load balancer', report)}\n[history]   requests served per replica (cart_http_requests_total): ${served.join(', ')}`);
    expect(report.check.violations).toEqual([]);
    expect(report.run.records).toHaveLength(historyOperations);
    expect(report.outcomes['200']).toBeGreaterThan(historyOperations / 2);
    expect(report.outcomes['412 CART_VERSION_MISMATCH']).toBeGreaterThan(0);
    for (const count of served) expect(count).toBeGreaterThan(historyOperations / 5);
  }, 600_000);

  it('an Idempotency-Key sent to each replica in turn runs once and replays on the others; reused with another body it is refused', async () => {
    const token = await signToken(secret);
    const [a, b, c] = set.replicas as [ApiProcess, ApiProcess, ApiProcess];
    const post = (replica: ApiProcess, path: string, key: string, body: unknown) =>
      fetch(`${replica.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, replayed: response.headers.get('idempotent-replayed'), body: await response.text() }));

    const createKey = randomUUID();
    const created = [await post(a, '/v1/carts', createKey, {}), await post(b, '/v1/carts', createKey, {}), await post(c, '/v1/carts', createKey, {})];
    expect(created.map((answer) => [answer.status, answer.replayed])).toEqual([[201, null], [201, 'true'], [201, 'true']]);
    expect(new Set(created.map((answer) => answer.body)).size).toBe(1);
    const cartId = (JSON.parse(created[0]?.body ?? '{}') as { id: string }).id;

    const addKey = randomUUID();
    const item = { productId: sellableProductIds(1)[0] ?? '', quantity: 2 };
    const added = [await post(c, `/v1/carts/${cartId}/items`, addKey, item), await post(a, `/v1/carts/${cartId}/items`, addKey, item), await post(b, `/v1/carts/${cartId}/items`, addKey, item)];
    expect(added.map((answer) => [answer.status, answer.replayed])).toEqual([[200, null], [200, 'true'], [200, 'true']]);
    expect(new Set(added.map((answer) => answer.body)).size).toBe(1);
    expect((await post(b, `/v1/carts/${cartId}/items`, addKey, { ...item, quantity: 3 })).status).toBe(422);

    // The same new key at two replicas at once: one runs, the other waits its turn (409) or replays.
    const raceKey = randomUUID();
    const race = await Promise.all([post(a, `/v1/carts/${cartId}/items`, raceKey, item), post(b, `/v1/carts/${cartId}/items`, raceKey, item)]);
    expect(race.filter((answer) => answer.status === 200 && answer.replayed === null)).toHaveLength(1);
    expect(race.every((answer) => answer.status === 200 || answer.status === 409)).toBe(true);
    const { rows } = await sql.query<{ version: number }>('SELECT version FROM carts WHERE id = $1', [cartId]);
    expect(rows[0]?.version).toBe(3); // created, one add, one raced add: each ran once
    console.log(`[replicas] idempotency across replicas: create 201 then 2 replays, add 200 then 2 replays, 422 on another body, race ${race.map((r) => `${r.status}${r.replayed ? ' replayed' : ''}`).join(' / ')}`);
  }, 60_000);

  it('the outbox relay: every event acknowledged by exactly one replica, once, and in the stream exactly once', async () => {
    const audit = await settledAudit();
    const published = await Promise.all(set.replicas.map((replica) => scrapeSum(replica.baseUrl, 'cart_outbox_publish_lag_seconds_count')));
    const failures = await Promise.all(set.replicas.map((replica) => scrapeSum(replica.baseUrl, 'cart_outbox_failures_total')));
    await waitFor(() => tap.counts.size >= audit.stored, 10_000, 'the tap did not see every publish');
    const sentTwice = [...tap.counts].filter(([, count]) => count > 1);
    const reasons = set.replicas.flatMap((replica) => relayWarnings(replica).map((warning) => `${name(replica)}: ${warning}`));

    console.log(
      `[replicas] relay: ${audit.stored} events in the outbox, ${audit.streamed} in stream ${cartsStream} (${audit.distinct} distinct, ${audit.redeliveries} re-deliveries); ` +
        `acknowledged per replica ${published.join(', ')} (sum ${published.reduce((s, n) => s + n, 0)}); publishes on the wire ${tap.total}, ` +
        `${sentTwice.length} events sent again after ${failures.reduce((s, n) => s + n, 0)} failed passes${reasons.length ? ` (${reasons.slice(0, 3).join('; ')})` : ''}`,
    );
    expect(audit.missing).toEqual([]);
    expect(audit.unknown).toEqual([]);
    expect(audit.outOfOrder).toEqual([]);
    expect(audit.redeliveries).toBe(0);
    expect(tap.counts.size).toBe(audit.stored);
    const acknowledged = published.reduce((sum, n) => sum + n, 0);
    const failed = failures.reduce((sum, n) => sum + n, 0);
    // Two replicas working one batch would both publish it (the tap would count it twice) and both
    // count its acks (the sum would exceed the outbox). A pass whose COMMIT timed out on the client
    // but committed counts nothing, so with failures the sum may fall short, never exceed.
    expect(acknowledged).toBeLessThanOrEqual(audit.stored);
    if (failed === 0) {
      expect(sentTwice).toEqual([]);
      expect(acknowledged).toBe(audit.stored);
    }
  }, 120_000);

  it('the expiry sweeper: 3,000 idle carts expire exactly once each, and when the sweeping replica is killed mid-batch the others finish', async () => {
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO carts (id, owner_id, status, currency, version, created_at, updated_at)
       SELECT gen_random_uuid(), gen_random_uuid(), 'active', 'EUR', 1, now() - interval '40 days', now() - interval '40 days'
       FROM generate_series(1, 3000) RETURNING id`,
    );
    const cartIds = rows.map((row) => row.id);
    const sweepers = new Set<ApiProcess>();
    const working = await findWorkingReplica(sql, cartRowLockHolders, alive(), 30_000);
    if (!working) throw new Error('no replica was seen sweeping');
    const victim = working.replica;
    victim.child.kill('SIGKILL');
    await victim.exited;
    const remainingAtKill = Number((await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM carts WHERE id = ANY($1::uuid[])', [cartIds])).rows[0]?.n);
    await waitFor(
      async () => {
        const seen = await findWorkingReplica(sql, cartRowLockHolders, alive(), 200);
        if (seen) sweepers.add(seen.replica);
        return Number((await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM carts WHERE id = ANY($1::uuid[])', [cartIds])).rows[0]?.n) === 0;
      },
      60_000,
      'the survivors did not expire every cart',
    );

    const { rows: expired } = await sql.query<{ cart_id: string; n: number; sequences: number[] }>(
      `SELECT cart_id, count(*)::int AS n, array_agg(sequence) AS sequences FROM cart_events
       WHERE cart_id = ANY($1::uuid[]) AND type = 'cart.expired' GROUP BY cart_id`,
      [cartIds],
    );
    const audit = await settledAudit(cartIds);
    console.log(
      `[replicas] sweeper: 3,000 idle carts; ${name(victim)} SIGKILLed while holding sweeper row locks (${remainingAtKill} carts left then); ` +
        `the rest swept by ${[...sweepers].map(name).join(' and ') || 'the survivors'}; ${expired.length} carts with a cart.expired event, ` +
        `${expired.filter((row) => row.n !== 1).length} with more than one; stream ${audit.distinct} distinct of ${audit.stored}, ${audit.redeliveries} re-deliveries`,
    );
    expect(remainingAtKill).toBeGreaterThan(0);
    expect(expired).toHaveLength(3_000);
    expect(expired.filter((row) => row.n !== 1 || row.sequences[0] !== 2)).toEqual([]);
    expect(audit.missing).toEqual([]);
    expect(audit.outOfOrder).toEqual([]);
  }, 120_000);

  it('the relay: the replica holding the relay lock is SIGKILLed during a history run; another takes the lock, nothing is lost, order holds', async () => {
    const survivorsAtStart = alive();
    expect(survivorsAtStart.length).toBeGreaterThanOrEqual(2);
    let victim: ApiProcess | undefined;
    let killedAfter = 0;
    const killed = new Promise<void>((resolve) => {
      void (async () => {
        await waitFor(() => killedAfter > 0, 120_000, 'the history run did not get going').catch(() => undefined);
        // After a failed run the suite may have closed `sql`: then there is no one to kill.
        const working = await findWorkingReplica(sql, relayLockHolders, alive(), 20_000).catch(() => undefined);
        if (working) {
          victim = working.replica;
          victim.child.kill('SIGKILL');
          await victim.exited;
        }
        resolve();
      })();
    });
    const report = await runHistoryCheck({
      baseUrl: set.balancer.baseUrl,
      token: await signToken(secret),
      operations: 1_500,
      clients: 10,
      carts: 10,
      onOperation: (_record, recorded) => {
        if (recorded === 300) killedAfter = recorded;
      },
    });
    await killed;
    if (!victim) throw new Error('no replica was seen holding the relay lock');
    const after = await findWorkingReplica(sql, relayLockHolders, alive(), 20_000);
    const audit = await settledAudit(report.run.cartIds);
    const sentTwice = [...tap.counts].filter(([, count]) => count > 1).length;

    console.log(
      `${formatHistoryReport(`relay failover (${name(victim)} killed after ${killedAfter} operations)`, report)}\n` +
        `[replicas] relay failover: ${name(victim)} SIGKILLed holding the relay lock; afterwards ${after ? name(after.replica) : 'nobody'} holds it; ` +
        `${audit.stored} events of these carts, ${audit.distinct} in the stream, missing ${audit.missing.length}, out of order ${audit.outOfOrder.length}, ` +
        `${audit.redeliveries} re-deliveries in the stream; events sent more than once on the wire (whole run): ${sentTwice}`,
    );
    expect(report.check.violations).toEqual([]);
    expect(after).toBeDefined();
    expect(after?.replica).not.toBe(victim);
    expect(audit.missing).toEqual([]);
    expect(audit.unknown).toEqual([]);
    expect(audit.outOfOrder).toEqual([]);
  }, 300_000);
});

/** The relay's warnings in a replica's log (pino JSON lines): message and error. */
function relayWarnings(replica: ApiProcess): string[] {
  return replica.output
    .split('\n')
    .filter((line) => line.includes('outbox relay'))
    .map((line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
        return `${entry.msg ?? ''}: ${entry.err?.message ?? ''}`;
      } catch {
        return line.slice(0, 200);
      }
    });
}
