import { AsyncLocalStorage } from 'node:async_hooks';
import { rethrowUnavailable } from './database-unavailable.ts';
import type { Prisma, PrismaClient } from './generated/client.ts';

export type DatabaseClient = PrismaClient | Prisma.TransactionClient;

/**
 * Units of work over one Prisma client. `run` opens a transaction, or joins the one already open in
 * this async context, so a caller (the idempotency of a POST) can wrap several repository calls in
 * one transaction without the repositories knowing. `client()` is what every query goes through:
 * the open transaction if there is one (on PGlite a query outside it would wait for it forever).
 */
export class Transactions {
  readonly #prisma: PrismaClient;
  readonly #open = new AsyncLocalStorage<Prisma.TransactionClient>();

  constructor(prisma: PrismaClient) {
    this.#prisma = prisma;
  }

  client(): DatabaseClient {
    return this.#open.getStore() ?? this.#prisma;
  }

  run<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    const open = this.#open.getStore();
    if (open) return work(open);
    // A connection failure anywhere in the unit of work (BEGIN, a query, COMMIT) becomes a
    // DatabaseUnavailableError; errors of the work itself pass as they are.
    return this.#prisma
      .$transaction((tx) => this.#open.run(tx, () => work(tx)), { maxWait: 5_000, timeout: 15_000 })
      .catch(rethrowUnavailable);
  }
}
