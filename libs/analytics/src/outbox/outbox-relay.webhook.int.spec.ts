import type { Database } from '@carteria/db';
import { sendJson, startLoopbackServer, warmUpHttpClient } from '@carteria/dependency-client/testing';
import type { LoopbackServer } from '@carteria/dependency-client/testing';
import { createTestDatabase } from '@carteria/testing';
import type { TestDatabase } from '@carteria/testing';
import type { CloudEvent } from '../events/cloud-event.ts';
import { HttpWebhookPublisher } from '../publishing/http-webhook.publisher.ts';
import { RecordingOutboxMetrics } from '../testing/recording-outbox.metrics.ts';
import { cartEventRecord, insertCartEvents } from '../testing/sample-cart-events.ts';
import { waitUntil } from '../testing/wait-until.ts';
import { OutboxRelay } from './outbox-relay.ts';

const cartId = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11';

describe('OutboxRelay → HTTP webhook (loopback server, PGlite)', () => {
  let test: TestDatabase;
  let database: Database;
  let server: LoopbackServer | undefined;
  let relay: OutboxRelay | undefined;
  let publisher: HttpWebhookPublisher | undefined;

  beforeAll(async () => {
    await warmUpHttpClient();
    test = await createTestDatabase({ engine: 'pglite' });
    database = test.database;
  });
  afterEach(async () => {
    await relay?.stop();
    await publisher?.close();
    await server?.close();
    await database.prisma.cartEvent.deleteMany();
  });
  afterAll(() => test.dispose());

  const start = (metrics = new RecordingOutboxMetrics()) => {
    publisher = new HttpWebhookPublisher({ url: `${server!.url}/events`, timeoutMs: 1_000 });
    relay = new OutboxRelay({ database, publisher, metrics, pollIntervalMs: 20, retryInitialDelayMs: 50, retryMaxDelayMs: 200 });
    relay.start();
    return metrics;
  };

  it('delivers the outbox as CloudEvents batches, in order', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    const rows = [1, 2, 3, 4].map((sequence) => cartEventRecord(sequence === 1 ? 'cart.created' : 'cart.emptied', { cartId, sequence }));
    await insertCartEvents(database, rows);
    const metrics = start();
    await waitUntil(() => metrics.published === 4);
    const received = server.requests.flatMap((request) => JSON.parse(request.body) as CloudEvent[]);
    expect(received.map((event) => event.id)).toEqual(rows.map((row) => row.id));
  });

  it('a 500 is retried later, with the same events, until the endpoint takes them', async () => {
    server = await startLoopbackServer((_request, response, index) => {
      if (index < 2) sendJson(response, 500, { error: 'busy' });
      else sendJson(response, 200, { ok: true });
    });
    const rows = [1, 2].map((sequence) => cartEventRecord(sequence === 1 ? 'cart.created' : 'cart.emptied', { cartId, sequence }));
    await insertCartEvents(database, rows);
    const metrics = start();
    await waitUntil(() => metrics.published === 2);
    expect(metrics.failures).toEqual(['publish', 'publish']);
    expect(server.requests).toHaveLength(3);
    const bodies = server.requests.map((request) => (JSON.parse(request.body) as CloudEvent[]).map((event) => event.id));
    expect(bodies).toEqual([rows.map((row) => row.id), rows.map((row) => row.id), rows.map((row) => row.id)]);
    expect(await database.prisma.cartEvent.count({ where: { publishedAt: null } })).toBe(0);
  });
});
