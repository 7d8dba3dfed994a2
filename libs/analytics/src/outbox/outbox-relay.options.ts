import type { Database } from '@carteria/db';
import type { Clock, Logger } from '@carteria/kernel';
import type { EventPublisher } from '../publishing/event-publisher.ts';
import type { OutboxMetrics } from './outbox.metrics.ts';

/** How the relay paces itself. Every field has a default (outboxRelayDefaults). */
export interface OutboxRelaySettings {
  /** Rows per batch; default 100. */
  readonly batchSize: number;
  /** Idle wait between polls when the outbox is drained; `wake()` cuts it short. Default 200. */
  readonly pollIntervalMs: number;
  /** First wait after a failed batch; doubles per failure in a row, with jitter. Default 200. */
  readonly retryInitialDelayMs: number;
  /** The longest wait after failures. Default 30 000. */
  readonly retryMaxDelayMs: number;
  /**
   * How long one batch may spend publishing before the publisher is told to stop (what was
   * acknowledged is kept). On PostgreSQL the batch's transaction is open meanwhile: keep this plus
   * the publisher's ack timeout below the database's statement timeout (idle in transaction).
   * Default 5000.
   */
  readonly publishBudgetMs: number;
  /** Backlog and oldest-age are measured at most this often. Default 1000. */
  readonly backlogIntervalMs: number;
  /** The PostgreSQL advisory lock key held by the replica that works a batch. Default 1667330676 ("cart"). */
  readonly lockKey: number;
}

export const outboxRelayDefaults: OutboxRelaySettings = Object.freeze({
  batchSize: 100,
  pollIntervalMs: 200,
  retryInitialDelayMs: 200,
  retryMaxDelayMs: 30_000,
  publishBudgetMs: 5_000,
  backlogIntervalMs: 1_000,
  lockKey: 0x63617274,
});

export interface OutboxRelayOptions extends Partial<OutboxRelaySettings> {
  readonly database: Database;
  readonly publisher: EventPublisher;
  readonly metrics?: OutboxMetrics;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** The settings with defaults filled in; throws a RangeError on a value the relay cannot use. */
export function resolveRelaySettings(overrides: Partial<OutboxRelaySettings>): OutboxRelaySettings {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const settings: OutboxRelaySettings = { ...outboxRelayDefaults, ...pick(defined) };
  requireInteger('batchSize', settings.batchSize, 1, 10_000);
  requireInteger('pollIntervalMs', settings.pollIntervalMs, 1);
  requireInteger('retryInitialDelayMs', settings.retryInitialDelayMs, 1);
  requireInteger('retryMaxDelayMs', settings.retryMaxDelayMs, settings.retryInitialDelayMs);
  requireInteger('publishBudgetMs', settings.publishBudgetMs, 1);
  requireInteger('backlogIntervalMs', settings.backlogIntervalMs, 0);
  requireInteger('lockKey', settings.lockKey, Number.MIN_SAFE_INTEGER);
  return Object.freeze(settings);
}

/** Only the settings' own keys, so that the relay options' other fields are not copied in. */
function pick(values: Record<string, unknown>): Partial<OutboxRelaySettings> {
  const keys = Object.keys(outboxRelayDefaults);
  return Object.fromEntries(Object.entries(values).filter(([key]) => keys.includes(key))) as Partial<OutboxRelaySettings>;
}

/** Exponential backoff with jitter: the n-th failure in a row waits in [d/2, d], d = min(max, initial * 2^(n-1)). */
export function retryDelayMs(settings: OutboxRelaySettings, failuresInARow: number, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.retryMaxDelayMs, settings.retryInitialDelayMs * 2 ** Math.max(0, failuresInARow - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function requireInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`Outbox relay setting ${name} must be an integer in [${min}, ${max}], got ${value}.`);
  }
}
