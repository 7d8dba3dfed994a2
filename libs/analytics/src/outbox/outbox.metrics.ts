/** What the outbox relay reports; the app binds it to prom-client. */
export interface OutboxMetrics {
  /**
   * Rows not yet published, and the age in seconds of the oldest of them (0 when there is none).
   * Every running relay reports the same table: aggregate replicas with max, not sum.
   */
  recordBacklog(backlog: number, oldestAgeSeconds: number): void;
  /** Events acknowledged by the broker and marked published; one lag per event: seconds from `occurred_at` to the ack. */
  recordPublished(lagSeconds: readonly number[]): void;
  /** A pass that failed: `publish` (broker or endpoint) or `database`. The relay backs off. */
  recordFailure(stage: OutboxFailureStage): void;
}

export type OutboxFailureStage = 'publish' | 'database';

/** Records nothing: the default when the caller gives no metrics. */
export const noOutboxMetrics: OutboxMetrics = Object.freeze({
  recordBacklog: () => undefined,
  recordPublished: () => undefined,
  recordFailure: () => undefined,
});
