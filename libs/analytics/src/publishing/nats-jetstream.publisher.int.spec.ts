import { jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import { NatsNode, natsServerBinary } from '@carteria/testing';
import { toCloudEvent } from '../events/cloud-event.ts';
import type { CloudEvent } from '../events/cloud-event.ts';
import { cartEventRecord } from '../testing/sample-cart-events.ts';
import { readStream } from '../testing/stream-reader.ts';
import { EventPublishError } from './event-publisher.ts';
import { NatsJetStreamPublisher } from './nats-jetstream.publisher.ts';

const binary = natsServerBinary();
const describeNats = binary ? describe : describe.skip;
const suiteName = binary ? 'NatsJetStreamPublisher (real nats-server)' : 'NatsJetStreamPublisher (skipped: nats-server not found)';

function cartEvents(cartId: string, count: number): CloudEvent[] {
  return Array.from({ length: count }, (_, index) =>
    toCloudEvent(cartEventRecord(index === 0 ? 'cart.created' : 'cart.item_added', { cartId, sequence: index + 1 })),
  );
}

const cartA = '0193a0c4-0000-7000-8000-00000000000a';
const cartB = '0193a0c4-0000-7000-8000-00000000000b';

describeNats(suiteName, () => {
  let server: NatsNode;
  const publishers: NatsJetStreamPublisher[] = [];
  const publisherFor = (options: Partial<ConstructorParameters<typeof NatsJetStreamPublisher>[0]> = {}) => {
    const publisher = new NatsJetStreamPublisher({ servers: [server.url], ackTimeoutMs: 1_000, connectTimeoutMs: 1_000, ...options });
    publishers.push(publisher);
    return publisher;
  };

  beforeAll(async () => {
    server = await NatsNode.start({ name: 'analytics-publisher' });
  });
  afterEach(async () => {
    await Promise.all(publishers.splice(0).map((publisher) => publisher.close()));
    if (!server.running) await server.start();
  });
  afterAll(() => server.dispose());

  it('creates the stream when missing and publishes each event to carts.<type> with Nats-Msg-Id', async () => {
    const events = [...cartEvents(cartA, 3), ...cartEvents(cartB, 2)];
    await publisherFor().publish(events);

    const nc = await connect({ servers: server.url });
    const info = await (await jetstreamManager(nc)).streams.info('CARTS');
    await nc.close();
    expect(info.config.subjects).toEqual(['carts.>']);
    expect(info.config.num_replicas).toBe(1);
    expect(info.config.duplicate_window).toBe(nanos(120_000));

    // Carts go concurrently: compare each cart's messages with its events.
    const messages = await readStream(server.url, { expected: 5 });
    for (const cartId of [cartA, cartB]) {
      const mine = messages.filter((message) => message.event.subject === cartId);
      const sent = events.filter((event) => event.subject === cartId);
      expect(mine.map((message) => message.event)).toEqual(sent);
      expect(mine.map((message) => message.subject)).toEqual(sent.map((event) => `carts.${event.type}`));
      expect(mine.map((message) => message.msgId)).toEqual(sent.map((event) => event.id));
    }
    expect(messages).toHaveLength(5);
  });

  it('a re-published event is dropped by the stream (Nats-Msg-Id dedupe)', async () => {
    const publisher = publisherFor({ stream: 'DEDUPE', subjectPrefix: 'dedupe' });
    const events = cartEvents(cartA, 4);
    await publisher.publish(events.slice(0, 2));
    await publisher.publish(events); // the first two again, then two new ones
    const messages = await readStream(server.url, { stream: 'DEDUPE', expected: 4 });
    expect(messages.map((message) => message.event.id)).toEqual(events.map((event) => event.id));
  });

  it('keeps each cart in order when carts go concurrently', async () => {
    const carts = Array.from({ length: 10 }, (_, index) => `0193a0c4-0000-7000-8000-${String(index).padStart(12, '0')}`);
    const events = carts.flatMap((cartId) => cartEvents(cartId, 20));
    await publisherFor({ stream: 'ORDER', subjectPrefix: 'order', maxInFlight: 8 }).publish(events);
    const messages = await readStream(server.url, { stream: 'ORDER', expected: events.length });
    expect(messages).toHaveLength(200);
    for (const cartId of carts) {
      const sequences = messages.filter((message) => message.event.subject === cartId).map((message) => Number(message.event.sequence));
      expect(sequences).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    }
  });

  it('uses an existing stream as it is, and refuses one that does not capture its subjects', async () => {
    const nc = await connect({ servers: server.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'KEPT', subjects: ['kept.>'], duplicate_window: nanos(60_000) });
    await jsm.streams.add({ name: 'OTHER', subjects: ['elsewhere.>'] });

    await publisherFor({ stream: 'KEPT', subjectPrefix: 'kept', duplicateWindowMs: 300_000 }).publish(cartEvents(cartA, 1));
    expect((await jsm.streams.info('KEPT')).config.duplicate_window).toBe(nanos(60_000));
    await nc.close();

    const error = await publisherFor({ stream: 'OTHER', subjectPrefix: 'carts2' })
      .publish(cartEvents(cartA, 1))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EventPublishError);
    expect((error as Error).message).toMatch(/OTHER is not usable/);
  });

  it('throws while the server is down and publishes again once it is back (reconnecting by itself)', async () => {
    const publisher = publisherFor({ stream: 'OUTAGE', subjectPrefix: 'outage' });
    const events = cartEvents(cartA, 3);
    await publisher.publish(events.slice(0, 1));

    await server.kill('SIGTERM');
    const started = performance.now();
    const error = await publisher.publish(events.slice(1)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EventPublishError);
    expect((error as EventPublishError).acknowledged).toEqual([]);
    expect(performance.now() - started).toBeLessThan(3_000);

    await server.start();
    await waitFor(() => publisher.publish(events.slice(1)));
    const messages = await readStream(server.url, { stream: 'OUTAGE', expected: 3 });
    expect(messages.map((message) => message.event.id)).toEqual(events.map((event) => event.id));
  });

  it('throws when no server can be reached at first, and connects on a later publish', async () => {
    await server.kill('SIGTERM');
    const publisher = publisherFor({ stream: 'LATE', subjectPrefix: 'late' });
    await expect(publisher.publish(cartEvents(cartA, 1))).rejects.toThrow(/Could not connect to NATS/);
    await server.start();
    await expect(publisher.publish(cartEvents(cartB, 1))).resolves.toBeUndefined();
  });

  it('can be closed twice, and refuses to publish once closed', async () => {
    const publisher = publisherFor();
    await publisher.publish(cartEvents(cartA, 1));
    await publisher.close();
    await publisher.close();
    await expect(publisher.publish(cartEvents(cartA, 1))).rejects.toThrow(/closed/);
  });
});

/** Retries `attempt` until it resolves (the client reconnects every second or so). */
async function waitFor(attempt: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
