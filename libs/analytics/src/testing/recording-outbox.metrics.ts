import type { OutboxFailureStage, OutboxMetrics } from '../outbox/outbox.metrics.ts';

/** OutboxMetrics that keeps everything it is told, for assertions. */
export class RecordingOutboxMetrics implements OutboxMetrics {
  readonly backlogs: { readonly backlog: number; readonly oldestAgeSeconds: number }[] = [];
  readonly lags: number[] = [];
  readonly failures: OutboxFailureStage[] = [];

  get published(): number {
    return this.lags.length;
  }

  recordBacklog(backlog: number, oldestAgeSeconds: number): void {
    this.backlogs.push({ backlog, oldestAgeSeconds });
  }

  recordPublished(lagSeconds: readonly number[]): void {
    this.lags.push(...lagSeconds);
  }

  recordFailure(stage: OutboxFailureStage): void {
    this.failures.push(stage);
  }
}
