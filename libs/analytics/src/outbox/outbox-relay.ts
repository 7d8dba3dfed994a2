import { systemClock } from '@carteria/kernel';
import type { Clock, Logger } from '@carteria/kernel';
import type { CartEventRecord } from '../events/cart-event.types.ts';
import { toCloudEvent } from '../events/cloud-event.ts';
import { EventPublishError } from '../publishing/event-publisher.ts';
import type { EventPublisher } from '../publishing/event-publisher.ts';
import { noOutboxMetrics } from './outbox.metrics.ts';
import type { OutboxMetrics } from './outbox.metrics.ts';
import { resolveRelaySettings, retryDelayMs } from './outbox-relay.options.ts';
import type { OutboxRelayOptions, OutboxRelaySettings } from './outbox-relay.options.ts';
import { PrismaOutboxStore } from './prisma-outbox.store.ts';

/** What one pass did. `busy`: another replica holds the relay lock. */
export type RelayPass =
  | { readonly status: 'idle' | 'busy' }
  | { readonly status: 'published'; readonly selected: number; readonly published: number }
  | { readonly status: 'failed'; readonly selected: number; readonly published: number; readonly error: unknown };

interface BatchResult {
  readonly selected: number;
  readonly acknowledged: readonly CartEventRecord[];
  readonly at: Date;
  readonly error?: unknown;
}

/**
 * Publishes the `cart_events` outbox, at least once and in order per cart. A pass takes up to
 * `batchSize` unpublished rows, publishes them in (cart, sequence) order, and marks published what
 * the publisher acknowledged (per cart a prefix: a cart's later event is never marked while an
 * earlier one is not). On failure it backs off (exponential, capped) and retries the same rows.
 * One replica at a time works (see PrismaOutboxStore).
 */
export class OutboxRelay {
  readonly #settings: OutboxRelaySettings;
  readonly #store: PrismaOutboxStore;
  readonly #publisher: EventPublisher;
  readonly #metrics: OutboxMetrics;
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;
  #loop: Promise<void> | undefined;
  #stopping = false;
  #abortPass: AbortController | undefined;
  #endSleep: (() => void) | undefined;
  #sleepWakeable = false;
  #wakeRequested = false;
  #backlogMeasuredAt = Number.NEGATIVE_INFINITY;

  constructor(options: OutboxRelayOptions) {
    this.#settings = resolveRelaySettings(options);
    this.#publisher = options.publisher;
    this.#metrics = options.metrics ?? noOutboxMetrics;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger;
    // The batch's transaction stays open while it publishes: give it the budget, an ack's worth more, and slack.
    const transactionTimeoutMs = this.#settings.publishBudgetMs * 2 + 5_000;
    this.#store = new PrismaOutboxStore(options.database, { lockKey: this.#settings.lockKey, transactionTimeoutMs });
  }

  get running(): boolean {
    return this.#loop !== undefined;
  }

  /** Starts the loop in the background; calling it again while running does nothing. */
  start(): void {
    if (this.#loop) return;
    this.#stopping = false;
    this.#loop = this.#run();
  }

  /**
   * Stops the loop: the batch in flight is told to stop publishing, what was acknowledged is
   * marked, and the promise resolves when the loop has ended. Safe to call twice.
   */
  async stop(): Promise<void> {
    const loop = this.#loop;
    if (!loop) return;
    this.#stopping = true;
    this.#abortPass?.abort(new Error('The outbox relay is stopping.'));
    this.#endSleep?.();
    await loop;
    this.#loop = undefined;
  }

  /** New rows were committed: poll now instead of at the end of the idle wait (a backoff is not cut short). */
  wake(): void {
    if (this.#endSleep && this.#sleepWakeable) this.#endSleep();
    else this.#wakeRequested = true;
  }

  /** One pass, for tests and tools; not while the loop runs. */
  relayOnce(): Promise<RelayPass> {
    if (this.#loop) return Promise.reject(new Error('relayOnce() cannot run while the relay loop runs.'));
    return this.#pass();
  }

  async #run(): Promise<void> {
    let failuresInARow = 0;
    while (!this.#stopping) {
      const pass = await this.#pass();
      await this.#measureBacklog();
      if (this.#stopping) break;
      if (pass.status === 'failed') {
        failuresInARow += 1;
        await this.#sleep(retryDelayMs(this.#settings, failuresInARow), false);
      } else {
        failuresInARow = 0;
        const more = pass.status === 'published' && pass.selected >= this.#settings.batchSize;
        if (!more) await this.#sleep(this.#settings.pollIntervalMs, true);
      }
    }
  }

  async #pass(): Promise<RelayPass> {
    const controller = new AbortController();
    this.#abortPass = controller;
    try {
      const outcome = await this.#store.processBatch(this.#settings.batchSize, (rows, markPublished) =>
        this.#publishBatch(rows, markPublished, controller.signal),
      );
      if (!outcome.locked) return { status: 'busy' };
      const { selected, acknowledged, at, error } = outcome.value;
      if (acknowledged.length > 0) {
        this.#metrics.recordPublished(acknowledged.map((row) => secondsBetween(row.occurredAt, at)));
      }
      if (selected === 0) return { status: 'idle' };
      if (!('error' in outcome.value)) return { status: 'published', selected, published: acknowledged.length };
      if (!controller.signal.aborted) {
        this.#metrics.recordFailure('publish');
        this.#logger?.warn({ err: error, selected, published: acknowledged.length }, 'outbox relay: publishing failed');
      }
      return { status: 'failed', selected, published: acknowledged.length, error };
    } catch (error) {
      this.#metrics.recordFailure('database');
      this.#logger?.warn({ err: error }, 'outbox relay: database failed');
      return { status: 'failed', selected: 0, published: 0, error };
    } finally {
      this.#abortPass = undefined;
    }
  }

  async #publishBatch(
    rows: readonly CartEventRecord[],
    markPublished: (rows: readonly CartEventRecord[], at: Date) => Promise<void>,
    stop: AbortSignal,
  ): Promise<BatchResult> {
    if (rows.length === 0) return { selected: 0, acknowledged: [], at: this.#clock.now() };
    const signal = AbortSignal.any([stop, AbortSignal.timeout(this.#settings.publishBudgetMs)]);
    try {
      await this.#publisher.publish(rows.map(toCloudEvent), { signal });
    } catch (error) {
      const acknowledged = acknowledgedPrefixes(rows, error);
      const at = this.#clock.now();
      await markPublished(acknowledged, at);
      return { selected: rows.length, acknowledged, at, error };
    }
    const at = this.#clock.now();
    await markPublished(rows, at);
    return { selected: rows.length, acknowledged: rows, at };
  }

  async #measureBacklog(): Promise<void> {
    const now = performance.now();
    if (now - this.#backlogMeasuredAt < this.#settings.backlogIntervalMs) return;
    this.#backlogMeasuredAt = now;
    try {
      const backlog = await this.#store.backlog();
      const oldest = backlog.oldestOccurredAt;
      this.#metrics.recordBacklog(backlog.count, oldest ? Math.max(0, secondsBetween(oldest, this.#clock.now())) : 0);
    } catch (error) {
      this.#logger?.debug({ err: error }, 'outbox relay: backlog not measured');
    }
  }

  #sleep(ms: number, wakeable: boolean): Promise<void> {
    if (wakeable && this.#wakeRequested) {
      this.#wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const end = (): void => {
        clearTimeout(timer);
        this.#endSleep = undefined;
        if (wakeable) this.#wakeRequested = false;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.#endSleep = end;
      this.#sleepWakeable = wakeable;
    });
  }
}

/**
 * The rows a failed publish did get acknowledged: per cart, the rows up to the first one that was
 * not (a later event acknowledged after a missing one would break the cart's order; it goes again).
 */
function acknowledgedPrefixes(rows: readonly CartEventRecord[], error: unknown): CartEventRecord[] {
  if (!(error instanceof EventPublishError) || error.acknowledged.length === 0) return [];
  const acknowledged = new Set(error.acknowledged);
  const broken = new Set<string>();
  return rows.filter((row) => {
    if (broken.has(row.cartId)) return false;
    if (acknowledged.has(row.id)) return true;
    broken.add(row.cartId);
    return false;
  });
}

function secondsBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 1000;
}
