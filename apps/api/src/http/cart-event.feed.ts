import { toCloudEvent, type CloudEvent } from '@carteria/analytics';
import type { Database } from '@carteria/db';
import type { Logger } from '@carteria/kernel';

export interface CartEventFeedOptions {
  /** How often the outbox is read while anyone listens; default 250 ms (a change shows well within a second). */
  readonly pollIntervalMs?: number;
  /** The most rows one read takes; the rest come on the next tick. Default 500. */
  readonly batchSize?: number;
  readonly logger?: Pick<Logger, 'warn'>;
}

export interface CartEventListener {
  /** Each event of the cart after the subscription's sequence, once, in order. */
  onEvent(event: CloudEvent): void;
  /** The feed closed (the service is draining): end the stream. */
  onClose(): void;
}

interface Subscription {
  readonly cartId: string;
  /** The last sequence this listener has been given. */
  after: number;
  readonly listener: CartEventListener;
}

/** Thrown by `subscribe` once the feed has closed. */
export class CartEventFeedClosedError extends Error {
  constructor() {
    super('The cart event feed is closed: the service is draining.');
    this.name = 'CartEventFeedClosedError';
  }
}

/**
 * Live cart events for the server-sent-event streams, read from the `cart_events` outbox (the
 * source of truth, so it works across replicas and on both backends): one query per tick for all
 * open streams, each cart read after the lowest sequence any of its listeners has. The timer runs
 * only while someone listens.
 */
export class CartEventFeed {
  readonly #database: Database;
  readonly #pollIntervalMs: number;
  readonly #batchSize: number;
  readonly #logger: Pick<Logger, 'warn'> | undefined;
  readonly #subscriptions = new Set<Subscription>();
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<number> | undefined;
  #closed = false;

  constructor(database: Database, options: CartEventFeedOptions = {}) {
    this.#database = database;
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#batchSize = options.batchSize ?? 500;
    this.#logger = options.logger;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** How many listeners are subscribed. */
  get size(): number {
    return this.#subscriptions.size;
  }

  /** Listens to a cart's events after `afterSequence` (its version when the listener last looked). Returns the unsubscribe. */
  subscribe(cartId: string, afterSequence: number, listener: CartEventListener): () => void {
    if (this.#closed) throw new CartEventFeedClosedError();
    const subscription: Subscription = { cartId, after: afterSequence, listener };
    this.#subscriptions.add(subscription);
    this.#timer ??= setInterval(() => void this.poll(), this.#pollIntervalMs);
    return () => {
      this.#subscriptions.delete(subscription);
      this.#stopTimerWhenIdle();
    };
  }

  /** Reads once for every listener and hands out what is new; returns how many rows it read. Ticks never overlap. */
  poll(): Promise<number> {
    this.#polling ??= this.#read().finally(() => (this.#polling = undefined));
    return this.#polling;
  }

  /** Ends every stream and refuses new ones; for graceful shutdown. */
  close(): void {
    this.#closed = true;
    const subscriptions = [...this.#subscriptions];
    this.#subscriptions.clear();
    this.#stopTimerWhenIdle();
    for (const { listener } of subscriptions) listener.onClose();
  }

  async #read(): Promise<number> {
    const after = new Map<string, number>();
    for (const { cartId, after: sequence } of this.#subscriptions) {
      after.set(cartId, Math.min(after.get(cartId) ?? sequence, sequence));
    }
    if (after.size === 0) return 0;
    let rows;
    try {
      rows = await this.#database.prisma.cartEvent.findMany({
        where: { OR: [...after].map(([cartId, sequence]) => ({ cartId, sequence: { gt: sequence } })) },
        orderBy: [{ cartId: 'asc' }, { sequence: 'asc' }],
        take: this.#batchSize,
        select: { cartId: true, sequence: true, id: true, type: true, occurredAt: true, data: true },
      });
    } catch (error) {
      // The database is away: the streams stay open and the next tick tries again.
      this.#logger?.warn({ err: error }, 'cart event feed: reading the outbox failed');
      return 0;
    }
    const byCart = new Map<string, Subscription[]>();
    for (const subscription of this.#subscriptions) {
      byCart.set(subscription.cartId, [...(byCart.get(subscription.cartId) ?? []), subscription]);
    }
    for (const row of rows) {
      const event = toCloudEvent({ ...row, data: dataOf(row.data) });
      for (const subscription of byCart.get(row.cartId) ?? []) {
        // A listener that left (or was given this event already) during the read is skipped.
        if (!this.#subscriptions.has(subscription) || subscription.after >= row.sequence) continue;
        subscription.after = row.sequence;
        subscription.listener.onEvent(event);
      }
    }
    return rows.length;
  }

  #stopTimerWhenIdle(): void {
    if (this.#subscriptions.size > 0 || this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

function dataOf(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
