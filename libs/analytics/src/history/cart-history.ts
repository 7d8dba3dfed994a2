import type { Database } from '@carteria/db';
import { isUuid, ValidationError } from '@carteria/kernel';
import type { CloudEvent } from '../events/cloud-event.ts';
import { toCloudEvent } from '../events/cloud-event.ts';

export interface ListEventsOptions {
  /** 1..1000. */
  readonly limit: number;
  /** Only events after this sequence (the cursor of the previous page). */
  readonly afterSequence?: number;
}

export interface CartEventPage {
  /** Oldest first. */
  readonly items: readonly CloudEvent[];
  /** Give it as `afterSequence` for the next page; null when this page is the last. */
  readonly nextAfterSequence: number | null;
}

export const MAX_HISTORY_PAGE = 1000;

/**
 * A cart's history: its events from the outbox, published or not, as CloudEvents, oldest first.
 * One indexed query (the primary key is (cart_id, sequence)). The caller does access control; the
 * events of a deleted cart are still there (`cart.deleted` is the last).
 */
export class CartHistory {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async listEvents(cartId: string, options: ListEventsOptions): Promise<CartEventPage> {
    const { limit, afterSequence } = options;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE) {
      throw new ValidationError(`limit must be an integer from 1 to ${MAX_HISTORY_PAGE}.`, [
        { pointer: '/limit', detail: `an integer from 1 to ${MAX_HISTORY_PAGE}` },
      ]);
    }
    if (afterSequence !== undefined && (!Number.isSafeInteger(afterSequence) || afterSequence < 0)) {
      throw new ValidationError('afterSequence must be a whole number.', [{ pointer: '/afterSequence', detail: 'a whole number' }]);
    }
    // Not a cart id, so no cart's events (the column is a UUID; PostgreSQL would refuse the query).
    if (!isUuid(cartId)) return { items: [], nextAfterSequence: null };
    const rows = await this.#database.prisma.cartEvent.findMany({
      where: { cartId, ...(afterSequence === undefined ? {} : { sequence: { gt: afterSequence } }) },
      orderBy: { sequence: 'asc' },
      take: limit + 1,
      select: { cartId: true, sequence: true, id: true, type: true, occurredAt: true, data: true },
    });
    const page = rows.slice(0, limit);
    const items = page.map((row) => toCloudEvent({ ...row, data: dataOf(row.data) }));
    const last = page.at(-1);
    return { items, nextAfterSequence: rows.length > limit && last ? last.sequence : null };
  }
}

function dataOf(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
