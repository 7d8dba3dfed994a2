import { Prisma } from '@carteria/db';
import type { Database } from '@carteria/db';
import type { CartEventRecord } from '../events/cart-event.types.ts';

type Queryable = Pick<Database['prisma'], '$queryRaw' | '$executeRaw'>;

/** Marks rows of the batch in hand as published, at `at`, in the batch's transaction. */
export type MarkPublished = (rows: readonly CartEventRecord[], at: Date) => Promise<void>;

/** The batch was worked on (`value`), or another replica holds the relay lock. */
export type BatchOutcome<T> = { readonly locked: false } | { readonly locked: true; readonly value: T };

export interface Backlog {
  readonly count: number;
  readonly oldestOccurredAt: Date | null;
}

interface EventRow {
  cart_id: string;
  sequence: number;
  id: string;
  type: string;
  occurred_at: Date;
  data: Record<string, unknown>;
}

/**
 * The relay's view of `cart_events`. On PostgreSQL a batch runs in one transaction that first takes
 * `pg_try_advisory_xact_lock(lockKey)`: only the replica that gets it selects, publishes and marks;
 * the others find it taken and wait for their next poll. The lock goes with the commit, so a
 * replica that dies mid-batch frees it at once, and its unmarked rows are selected again. PGlite is
 * one process with one connection: there the batch runs without a lock or a transaction.
 */
export class PrismaOutboxStore {
  readonly #database: Database;
  readonly #lockKey: bigint;
  readonly #transactionTimeoutMs: number;

  constructor(database: Database, options: { readonly lockKey: number; readonly transactionTimeoutMs: number }) {
    this.#database = database;
    this.#lockKey = BigInt(options.lockKey);
    this.#transactionTimeoutMs = options.transactionTimeoutMs;
  }

  async processBatch<T>(
    limit: number,
    work: (rows: readonly CartEventRecord[], markPublished: MarkPublished) => Promise<T>,
  ): Promise<BatchOutcome<T>> {
    const { prisma } = this.#database;
    if (this.#database.engine === 'pglite') {
      const rows = await selectBatch(prisma, limit);
      return { locked: true, value: await work(rows, (done, at) => markPublished(prisma, done, at)) };
    }
    return prisma.$transaction(
      async (tx): Promise<BatchOutcome<T>> => {
        const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${this.#lockKey}::bigint) AS locked`;
        if (!lock?.locked) return { locked: false };
        const rows = await selectBatch(tx, limit);
        return { locked: true, value: await work(rows, (done, at) => markPublished(tx, done, at)) };
      },
      { timeout: this.#transactionTimeoutMs, maxWait: this.#transactionTimeoutMs },
    );
  }

  async backlog(): Promise<Backlog> {
    const [row] = await this.#database.prisma.$queryRaw<{ count: number; oldest: Date | null }[]>`
      SELECT count(*)::int AS count, min(occurred_at) AS oldest FROM cart_events WHERE published_at IS NULL`;
    return { count: row?.count ?? 0, oldestOccurredAt: row?.oldest ?? null };
  }
}

/**
 * Up to `limit` unpublished rows in (cart_id, sequence) order, each cart's rows a prefix of its
 * unpublished ones. The oldest `limit` rows pick the carts and how far to go in each; every
 * unpublished row of those carts up to there is taken, so a row whose occurred_at is out of step
 * with its version (clocks of two replicas) is never skipped. Cutting the ordered list at `limit`
 * keeps each cart's part a prefix.
 */
function selectBatch(db: Queryable, limit: number): Promise<CartEventRecord[]> {
  return db
    .$queryRaw<EventRow[]>`
      WITH oldest AS (
        SELECT cart_id, sequence FROM cart_events
        WHERE published_at IS NULL
        ORDER BY occurred_at, cart_id, sequence
        LIMIT ${limit}
      ), reach AS (
        SELECT cart_id, max(sequence) AS upto FROM oldest GROUP BY cart_id
      )
      SELECT e.cart_id, e.sequence, e.id, e.type, e.occurred_at, e.data
      FROM cart_events e JOIN reach r ON e.cart_id = r.cart_id AND e.sequence <= r.upto
      WHERE e.published_at IS NULL
      ORDER BY e.cart_id, e.sequence
      LIMIT ${limit}`
    .then((rows) =>
      rows.map((row) => ({
        cartId: row.cart_id,
        sequence: row.sequence,
        id: row.id,
        type: row.type,
        occurredAt: row.occurred_at,
        data: row.data,
      })),
    );
}

async function markPublished(db: Queryable, rows: readonly CartEventRecord[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const cartIds = rows.map((row) => row.cartId);
  const sequences = rows.map((row) => row.sequence);
  await db.$executeRaw(Prisma.sql`
    UPDATE cart_events e SET published_at = ${at}
    FROM unnest(${cartIds}::uuid[], ${sequences}::int[]) AS p(cart_id, sequence)
    WHERE e.cart_id = p.cart_id AND e.sequence = p.sequence`);
}
