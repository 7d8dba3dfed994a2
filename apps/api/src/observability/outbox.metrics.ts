import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { OutboxFailureStage, OutboxMetrics } from '@carteria/analytics';

/** The outbox relay's lag and backlog in prom-client. Every replica reports the same table: aggregate with max. */
export class PromOutboxMetrics implements OutboxMetrics {
  readonly #backlog: Gauge;
  readonly #oldest: Gauge;
  readonly #lag: Histogram;
  readonly #failures: Counter<'stage'>;

  constructor(registry: Registry) {
    this.#backlog = new Gauge({ name: 'cart_outbox_backlog', help: 'Cart events not yet published.', registers: [registry] });
    this.#oldest = new Gauge({
      name: 'cart_outbox_oldest_age_seconds',
      help: 'Age of the oldest unpublished cart event (0 when none).',
      registers: [registry],
    });
    this.#lag = new Histogram({
      name: 'cart_outbox_publish_lag_seconds',
      help: 'From the change to the broker acknowledging its event.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.#failures = new Counter({
      name: 'cart_outbox_failures_total',
      help: 'Relay passes that failed, by stage.',
      labelNames: ['stage'],
      registers: [registry],
    });
  }

  recordBacklog(backlog: number, oldestAgeSeconds: number): void {
    this.#backlog.set(backlog);
    this.#oldest.set(oldestAgeSeconds);
  }

  recordPublished(lagSeconds: readonly number[]): void {
    for (const lag of lagSeconds) this.#lag.observe(lag);
  }

  recordFailure(stage: OutboxFailureStage): void {
    this.#failures.inc({ stage });
  }
}
