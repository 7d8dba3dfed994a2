import { Container } from 'inversify';
import { openMigratedPglite } from '@carteria/db/testing';
import type { Database } from '@carteria/db';
import { ANALYTICS_TOKENS, AnalyticsOptionsError, analyticsModule } from './analytics.module.ts';
import { CartHistory } from './history/cart-history.ts';
import { OutboxRelay } from './outbox/outbox-relay.ts';
import { HttpWebhookPublisher } from './publishing/http-webhook.publisher.ts';
import { NatsJetStreamPublisher } from './publishing/nats-jetstream.publisher.ts';

describe('analyticsModule', () => {
  let database: Database;

  beforeAll(async () => {
    database = await openMigratedPglite();
  });
  afterAll(() => database.close());

  it('with no publisher binds only the history: the relay is not there to start', async () => {
    const container = new Container();
    container.load(analyticsModule({ database }));
    expect(container.get(ANALYTICS_TOKENS.cartHistory)).toBeInstanceOf(CartHistory);
    expect(container.isBound(ANALYTICS_TOKENS.outboxRelay)).toBe(false);
    expect(container.isBound(ANALYTICS_TOKENS.eventPublisher)).toBe(false);
  });

  it('with NATS binds a JetStream publisher and a relay, stopped when the container unbinds', async () => {
    const container = new Container();
    container.load(analyticsModule({ database, nats: { servers: ['127.0.0.1:1'] }, relay: { pollIntervalMs: 50 } }));
    const relay = container.get<OutboxRelay>(ANALYTICS_TOKENS.outboxRelay);
    expect(relay).toBeInstanceOf(OutboxRelay);
    expect(container.get(ANALYTICS_TOKENS.eventPublisher)).toBeInstanceOf(NatsJetStreamPublisher);
    expect(container.get(ANALYTICS_TOKENS.outboxRelay)).toBe(relay);
    relay.start();
    await container.unbindAllAsync();
    expect(relay.running).toBe(false);
  });

  it('with a webhook binds an HTTP publisher', () => {
    const container = new Container();
    container.load(analyticsModule({ database, webhook: { url: 'http://127.0.0.1:9/events' } }));
    expect(container.get(ANALYTICS_TOKENS.eventPublisher)).toBeInstanceOf(HttpWebhookPublisher);
  });

  it('refuses both publishers at once, and bad options, when it is built', () => {
    expect(() => analyticsModule({ database, nats: { servers: ['a:4222'] }, webhook: { url: 'http://b/' } })).toThrow(AnalyticsOptionsError);
    expect(() => analyticsModule({ database, nats: { servers: [] } })).toThrow(RangeError);
    expect(() => analyticsModule({ database, webhook: { url: 'mailto:x@y' } })).toThrow(RangeError);
    expect(() => analyticsModule({ database, relay: { batchSize: 0 } })).toThrow(RangeError);
  });
});
