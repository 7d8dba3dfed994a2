import { NatsNode, natsServerBinary, postgresAvailable, sampleValue, seededRandom } from '@carteria/testing';
import type { Customer } from './support/api-client.ts';
import type { CartEventBody } from './support/cart-event.types.ts';
import { oneTo, readHistory } from './support/cart-events.ts';
import { acknowledgedVersions, inLanes, randomMutation, send, type Outcome } from './support/cart-mutations.ts';
import { sellableIds } from './support/catalog.data.ts';
import type { Backend } from './support/e2e-environment.ts';
import { quantile, readWholeStream, StreamWatcher, streamExists, waitFor, type StreamedEvent } from './support/jetstream-reader.ts';
import { scrapeMetrics } from './support/metrics.scrape.ts';
import { RestartableApi } from './support/restartable-api.ts';
import { report, sleep } from './support/timing.ts';

const names: Backend['name'][] = postgresAvailable() ? ['embedded', 'postgres'] : ['embedded'];
const products = sellableIds(8);
const describeWithNats = natsServerBinary() ? describe.each(names) : describe.skip.each(names);
const describeName = natsServerBinary() ? 'cart events through the api to NATS JetStream (%s)' : 'SKIPPED, no nats-server binary: cart events to NATS JetStream (%s)';

const ok = (outcome: Outcome) => outcome.status >= 200 && outcome.status < 300;

/** The stream's messages of these carts, in stream order. */
function ofCarts(messages: readonly StreamedEvent[], cartIds: ReadonlySet<string>): StreamedEvent[] {
  return messages.filter((message) => cartIds.has(message.event.subject));
}

function distinctIds(messages: readonly StreamedEvent[]): Set<string> {
  return new Set(messages.map((message) => message.event.id));
}

/** Per cart, the sequences in the order they first arrived (re-deliveries of an id dropped, as a consumer does). */
function firstArrivals(messages: readonly StreamedEvent[]): Map<string, number[]> {
  const seen = new Set<string>();
  const byCart = new Map<string, number[]>();
  for (const { event } of messages) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    byCart.set(event.subject, [...(byCart.get(event.subject) ?? []), Number(event.sequence)]);
  }
  return byCart;
}

/** Every message is on `carts.<type>`, carries `Nats-Msg-Id` = its id, and equals what the history lists. */
function expectWellFormed(messages: readonly StreamedEvent[], history: ReadonlyMap<string, CartEventBody>): void {
  const wrong = messages.filter(
    (message) =>
      message.subject !== `carts.${message.event.type}` ||
      message.msgId !== message.event.id ||
      JSON.stringify(history.get(message.event.id)) !== JSON.stringify(message.event),
  );
  expect(wrong.map((message) => ({ subject: message.subject, msgId: message.msgId, event: message.event }))).toEqual([]);
}

async function backlog(api: RestartableApi): Promise<number> {
  return sampleValue(await scrapeMetrics(api.baseUrl), 'cart_outbox_backlog') ?? NaN;
}

describeWithNats(describeName, (name) => {
  let broker: NatsNode;
  let api: RestartableApi;

  beforeAll(async () => {
    broker = await NatsNode.start({ name: 'e2e' });
    api = await RestartableApi.start(name, { NATS_URL: broker.url });
  }, 30_000);

  afterAll(async () => {
    try {
      await api?.stop();
    } finally {
      await broker?.dispose();
    }
  }, 30_000);

  /** `count` customers with a new cart each, the create outcomes included (version 1). */
  async function customersWithCarts(count: number): Promise<{ customer: Customer; cartId: string; created: Outcome }[]> {
    return Promise.all(
      Array.from({ length: count }, async () => {
        const customer = await api.newCustomer();
        let cartId = '';
        const created = await send('', async () => {
          const response = await customer.client.createCart();
          cartId = response.body.id;
          return response;
        });
        expect(created.status).toBe(201);
        return { customer, cartId, created: { ...created, cartId } };
      }),
    );
  }

  /** The history of each cart through the api, and all events by id. */
  async function histories(carts: readonly { customer: Customer; cartId: string }[]) {
    const byCart = new Map<string, CartEventBody[]>();
    for (const { customer, cartId } of carts) byCart.set(cartId, await readHistory(api.clientFor(customer), cartId));
    const byId = new Map([...byCart.values()].flat().map((event) => [event.id, event]));
    return { byCart, byId };
  }

  it('1,000 concurrent mutations: exactly one event per acknowledged change, none for refusals, in version order per cart', async () => {
    const carts = await customersWithCarts(20);
    const cartIds = new Set(carts.map(({ cartId }) => cartId));
    await waitFor(() => streamExists(broker.url), 10_000, 'the api never created the CARTS stream');
    const watcher = await StreamWatcher.start(broker.url);
    try {
      const random = seededRandom(4242);
      // 20 clients, one per cart, each with 2 requests in flight: 40 at once, 50 per cart.
      const started = performance.now();
      const outcomes = (
        await Promise.all(
          carts.map(({ customer, cartId }) => {
            const tasks = Array.from({ length: 50 }, () => {
              const mutation = randomMutation(customer.client, cartId, products, random);
              return () => send(cartId, mutation);
            });
            return inLanes(tasks, 2);
          }),
        )
      ).flat();
      const elapsedMs = Math.round(performance.now() - started);

      expect(outcomes).toHaveLength(1_000);
      expect(outcomes.filter((outcome) => outcome.failed)).toEqual([]);
      const statuses = new Map<number, number>();
      for (const outcome of outcomes) statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
      expect([...statuses.keys()].filter((status) => ![200, 404, 422].includes(status))).toEqual([]);
      const acked = acknowledgedVersions([...carts.map(({ created }) => created), ...outcomes]);
      const finals = new Map<string, number>();
      for (const { customer, cartId } of carts) finals.set(cartId, (await customer.client.getCart(cartId)).body.version);
      for (const { cartId } of carts) {
        // The acknowledged changes of a cart are exactly versions 2..final: refusals made none.
        expect({ cartId, acked: [...(acked.get(cartId) ?? [])].sort((a, b) => a - b) }).toEqual({ cartId, acked: oneTo(finals.get(cartId) ?? 0) });
      }
      const expected = [...finals.values()].reduce((sum, version) => sum + version, 0);

      await waitFor(() => distinctIds(ofCarts(watcher.received, cartIds)).size >= expected, 30_000, 'not every event reached the stream');
      await sleep(500); // a late duplicate would show now
      const delivered = ofCarts(watcher.received, cartIds);
      const { byCart, byId } = await histories(carts);

      expect(delivered).toHaveLength(expected);
      expect(distinctIds(delivered).size).toBe(expected);
      expect([...distinctIds(delivered)].sort()).toEqual([...byId.keys()].sort());
      const arrivals = firstArrivals(delivered);
      for (const { cartId } of carts) {
        expect({ cartId, sequences: arrivals.get(cartId) }).toEqual({ cartId, sequences: oneTo(finals.get(cartId) ?? 0) });
        expect(byCart.get(cartId)?.map((event) => Number(event.sequence))).toEqual(oneTo(finals.get(cartId) ?? 0));
      }
      expectWellFormed(delivered, byId);

      const answeredAt = new Map<string, number>();
      for (const outcome of [...carts.map(({ created }) => created), ...outcomes].filter(ok)) {
        const key = `${outcome.cartId}/${outcome.version}`;
        answeredAt.set(key, Math.min(answeredAt.get(key) ?? Infinity, outcome.answeredAt));
      }
      const lags = delivered.map((message) => message.receivedAt - (answeredAt.get(`${message.event.subject}/${Number(message.event.sequence)}`) ?? NaN));
      expect(lags.filter(Number.isNaN)).toEqual([]);
      const refused = outcomes.filter((outcome) => !ok(outcome)).length;
      const noOps = outcomes.filter(ok).length - (expected - carts.length);
      report(
        'events',
        `${name}: 1,000 mutations on 20 carts in ${elapsedMs} ms: ${expected - carts.length} acknowledged changes + 20 creates = ` +
          `${expected} events expected, ${delivered.length} in the stream (${distinctIds(delivered).size} distinct ids); ` +
          `${refused} refused (${[...statuses].map(([status, n]) => `${n} x ${status}`).join(', ')}), ${noOps} no-op 200s`,
      );
      report(
        'events',
        `${name}: relay lag, HTTP answer -> readable in JetStream, over ${lags.length}: p50 ${quantile(lags, 0.5).toFixed(1)} ms, ` +
          `p99 ${quantile(lags, 0.99).toFixed(1)} ms, max ${Math.max(...lags).toFixed(1)} ms ` +
          `(${lags.filter((lag) => lag < 0).length} readable before the answer arrived)`,
      );
    } finally {
      await watcher.close();
    }
  }, 60_000);

  it('broker down: changes still succeed, the backlog metric grows, and after a restart every event arrives in order', async () => {
    const carts = await customersWithCarts(5);
    const cartIds = new Set(carts.map(({ cartId }) => cartId));
    await waitFor(async () => distinctIds(ofCarts(await readWholeStream(broker.url), cartIds)).size === 5, 10_000, 'creates not published');

    await broker.kill('SIGTERM');
    const stoppedAt = performance.now();
    const round = async () => {
      const outcomes = await Promise.all(
        carts.map(async ({ customer, cartId }) => {
          const answers: Outcome[] = [];
          for (const productId of products.slice(0, 4)) answers.push(await send(cartId, () => customer.client.addItem(cartId, productId, 1)));
          return answers;
        }),
      );
      return outcomes.flat();
    };
    const first = await round();
    expect(first.map((outcome) => outcome.status)).toEqual(Array(20).fill(200));
    await waitFor(async () => (await backlog(api)) >= 20, 15_000, 'cart_outbox_backlog never counted the 20 unpublished events');
    const backlogAfterFirst = await backlog(api);
    const second = await round();
    expect(second.map((outcome) => outcome.status)).toEqual(Array(20).fill(200));
    await waitFor(async () => (await backlog(api)) >= backlogAfterFirst + 20, 15_000, 'cart_outbox_backlog did not grow');
    const backlogAfterSecond = await backlog(api);
    const downMs = Math.round(performance.now() - stoppedAt);

    await broker.start();
    const restartedAt = performance.now();
    const { byCart, byId } = await histories(carts);
    expect(byId.size).toBe(5 * 9);
    let delivered: StreamedEvent[] = [];
    await waitFor(
      async () => {
        delivered = ofCarts(await readWholeStream(broker.url), cartIds);
        return distinctIds(delivered).size >= byId.size;
      },
      40_000,
      'not every event arrived after the broker came back',
    );
    const drainMs = Math.round(performance.now() - restartedAt);
    await waitFor(async () => (await backlog(api)) === 0, 10_000, 'cart_outbox_backlog did not return to 0');

    expect([...distinctIds(delivered)].sort()).toEqual([...byId.keys()].sort());
    const arrivals = firstArrivals(delivered);
    for (const [cartId, events] of byCart) {
      expect(events.map((event) => Number(event.sequence))).toEqual(oneTo(9));
      expect({ cartId, sequences: arrivals.get(cartId) }).toEqual({ cartId, sequences: oneTo(9) });
    }
    expectWellFormed(delivered, byId);
    report(
      'events',
      `${name}: broker down ${downMs} ms, 40 changes all 200, backlog ${backlogAfterFirst} -> ${backlogAfterSecond}; ` +
        `after the restart all ${byId.size} events in the stream within ${drainMs} ms (${delivered.length - byId.size} re-deliveries)`,
    );
  }, 60_000);

  it('api SIGKILLed mid-burst: after a restart on the same database the stream holds exactly the committed events', async () => {
    const carts = await customersWithCarts(10);
    const cartIds = new Set(carts.map(({ cartId }) => cartId));
    let answered = 0;
    let killedAt = 0;
    const burst = Promise.all(
      carts.map(({ customer, cartId }, index) => {
        const tasks = Array.from({ length: 40 }, (_, i) => async () => {
          const outcome = await send(cartId, () => customer.client.addItem(cartId, products[(index + i) % products.length] ?? '', 1));
          answered += 1;
          return outcome;
        });
        return inLanes(tasks, 2);
      }),
    );
    await waitFor(() => answered >= 150, 20_000, 'the burst did not get going');
    killedAt = answered;
    await api.kill();
    const outcomes = (await burst).flat();
    await api.restart();

    const acknowledged = outcomes.filter(ok);
    expect(acknowledged.length).toBeGreaterThanOrEqual(140);
    expect(outcomes.filter((outcome) => !ok(outcome) && !outcome.failed)).toEqual([]);
    const { byCart, byId } = await histories(carts);
    const acked = acknowledgedVersions(acknowledged);
    for (const { customer, cartId } of carts) {
      const sequences = byCart.get(cartId)?.map((event) => Number(event.sequence)) ?? [];
      const version = (await api.clientFor(customer).getCart(cartId)).body.version;
      expect({ cartId, sequences }).toEqual({ cartId, sequences: oneTo(version) });
      // Every acknowledged change is committed (and so in the history); unanswered ones may be too.
      const missing = [...(acked.get(cartId) ?? [])].filter((v) => !sequences.includes(v));
      expect({ cartId, missing }).toEqual({ cartId, missing: [] });
    }

    let delivered: StreamedEvent[] = [];
    const restartedAt = performance.now();
    await waitFor(
      async () => {
        delivered = ofCarts(await readWholeStream(broker.url), cartIds);
        return distinctIds(delivered).size >= byId.size;
      },
      30_000,
      'not every committed event reached the stream after the restart',
    );
    const catchUpMs = Math.round(performance.now() - restartedAt);
    await sleep(500);
    delivered = ofCarts(await readWholeStream(broker.url), cartIds);

    expect([...distinctIds(delivered)].sort()).toEqual([...byId.keys()].sort());
    const arrivals = firstArrivals(delivered);
    for (const [cartId, events] of byCart) {
      expect({ cartId, sequences: arrivals.get(cartId) }).toEqual({ cartId, sequences: events.map((event) => Number(event.sequence)) });
    }
    expectWellFormed(delivered, byId);
    report(
      'events',
      `${name}: SIGKILL after ${killedAt} of 400 answers: ${acknowledged.length} acknowledged, ${outcomes.filter((o) => o.failed).length} failed ` +
        `unanswered, ${byId.size} events committed (10 creates), stream caught up ${catchUpMs} ms after the restart with ` +
        `${distinctIds(delivered).size} distinct ids, ${delivered.length - distinctIds(delivered).size} re-deliveries`,
    );
  }, 60_000);
});
