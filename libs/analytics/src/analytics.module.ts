import { ContainerModule } from 'inversify';
import type { Database } from '@carteria/db';
import type { ClientMetrics } from '@carteria/dependency-client';
import { DomainError } from '@carteria/kernel';
import type { Clock, Logger } from '@carteria/kernel';
import { CartHistory } from './history/cart-history.ts';
import { OutboxRelay } from './outbox/outbox-relay.ts';
import { resolveRelaySettings } from './outbox/outbox-relay.options.ts';
import type { OutboxRelaySettings } from './outbox/outbox-relay.options.ts';
import type { OutboxMetrics } from './outbox/outbox.metrics.ts';
import type { EventPublisher } from './publishing/event-publisher.ts';
import { HttpWebhookPublisher, resolveWebhookOptions } from './publishing/http-webhook.publisher.ts';
import type { HttpWebhookPublisherOptions } from './publishing/http-webhook.publisher.ts';
import { NatsJetStreamPublisher } from './publishing/nats-jetstream.publisher.ts';
import { resolveNatsOptions } from './publishing/nats-jetstream-publisher.options.ts';
import type { NatsJetStreamPublisherOptions } from './publishing/nats-jetstream-publisher.options.ts';

/** What this module binds. `outboxRelay` and `eventPublisher` are bound only when a publisher is configured. */
export const ANALYTICS_TOKENS = {
  cartHistory: Symbol.for('carteria.analytics.CartHistory'),
  eventPublisher: Symbol.for('carteria.analytics.EventPublisher'),
  outboxRelay: Symbol.for('carteria.analytics.OutboxRelay'),
} as const;

export interface AnalyticsModuleOptions {
  readonly database: Database;
  /** NATS_URL given: publish to JetStream. */
  readonly nats?: NatsJetStreamPublisherOptions;
  /** ANALYTICS_WEBHOOK_URL given: POST batches there. `metrics` defaults to `clientMetrics`. */
  readonly webhook?: HttpWebhookPublisherOptions;
  readonly relay?: Partial<OutboxRelaySettings>;
  readonly metrics?: OutboxMetrics;
  readonly clientMetrics?: ClientMetrics;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export class AnalyticsOptionsError extends DomainError {
  constructor(message: string) {
    super('ANALYTICS_OPTIONS_INVALID', 'invalid', message);
  }
}

/**
 * Binds the cart history and, when NATS or a webhook is configured (not both), the publisher and
 * the outbox relay. The app starts the relay (`get(outboxRelay).start()`) and calls `wake()` after
 * commits; `unbindAllAsync()` stops it and closes the publisher. Bad options throw here.
 */
export function analyticsModule(options: AnalyticsModuleOptions): ContainerModule {
  const { database, nats, webhook } = options;
  if (nats && webhook) throw new AnalyticsOptionsError('Give NATS or an analytics webhook, not both.');
  if (nats) resolveNatsOptions(nats);
  if (webhook) resolveWebhookOptions(webhook);
  const relaySettings = resolveRelaySettings(options.relay ?? {});
  const createPublisher = publisherFactory(options);

  return new ContainerModule(({ bind }) => {
    bind<CartHistory>(ANALYTICS_TOKENS.cartHistory).toConstantValue(new CartHistory(database));
    if (!createPublisher) return;
    bind<EventPublisher>(ANALYTICS_TOKENS.eventPublisher)
      .toResolvedValue(createPublisher)
      .inSingletonScope()
      .onDeactivation((publisher) => publisher.close());
    bind<OutboxRelay>(ANALYTICS_TOKENS.outboxRelay)
      .toResolvedValue(
        (publisher: EventPublisher) =>
          new OutboxRelay({
            ...relaySettings,
            database,
            publisher,
            ...(options.metrics ? { metrics: options.metrics } : {}),
            ...(options.clock ? { clock: options.clock } : {}),
            ...(options.logger ? { logger: options.logger } : {}),
          }),
        [ANALYTICS_TOKENS.eventPublisher],
      )
      .inSingletonScope()
      .onDeactivation((relay) => relay.stop());
  });
}

function publisherFactory(options: AnalyticsModuleOptions): (() => EventPublisher) | undefined {
  const { nats, webhook, clientMetrics } = options;
  if (nats) return () => new NatsJetStreamPublisher(nats);
  if (webhook) return () => new HttpWebhookPublisher({ ...(clientMetrics ? { metrics: clientMetrics } : {}), ...webhook });
  return undefined;
}
