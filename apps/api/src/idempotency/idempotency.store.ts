import type { Transactions } from '@carteria/db';
import type { Reply } from '../http/route.ts';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from './idempotency.errors.ts';

/** Who sent the request, which key, and a fingerprint of what was asked (method, path, body). */
export interface IdempotentRequest {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
}

/** A reply as stored and replayed: the body as the exact text first sent. */
export interface StoredReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

const retentionMs = 24 * 60 * 60 * 1000;

/**
 * Stripe-style idempotency keys in the database. The first request runs inside one transaction that
 * also stores its reply, so the change and the record commit together or not at all. A duplicate
 * that arrives meanwhile cannot take the key's advisory lock and gets 409; one that arrives after
 * gets the stored reply; the same key with another request gets 422. Replies are stored (a checkout's
 * 409 CART_CHANGED is one: its fresh prices were saved); errors are not: a request that failed
 * changed nothing and may be retried with the same key.
 */
export class IdempotencyStore {
  readonly #transactions: Transactions;
  readonly #now: () => Date;

  constructor(transactions: Transactions, now: () => Date = () => new Date()) {
    this.#transactions = transactions;
    this.#now = now;
  }

  run(request: IdempotentRequest, work: () => Promise<Reply>, serialize: (reply: Reply) => StoredReply) {
    return this.#transactions.run(async (tx): Promise<{ reply: StoredReply; replayed: boolean }> => {
      const lockKey = `${request.scope}\n${request.key}`;
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(hashtextextended(${lockKey}, 0)) AS locked`;
      if (!lock?.locked) throw new IdempotencyKeyInUseError();
      const now = this.#now();
      const stored = await tx.idempotencyRecord.findUnique({
        where: { scope_key: { scope: request.scope, key: request.key } },
      });
      if (stored && stored.expiresAt > now) {
        if (stored.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
        return {
          replayed: true,
          reply: { status: stored.status, headers: stored.headers as Record<string, string>, body: stored.body },
        };
      }
      const reply = serialize(await work());
      const record = { fingerprint: request.fingerprint, ...reply, createdAt: now, expiresAt: new Date(now.getTime() + retentionMs) };
      await tx.idempotencyRecord.upsert({
        where: { scope_key: { scope: request.scope, key: request.key } },
        create: { scope: request.scope, key: request.key, ...record },
        update: record,
      });
      return { replayed: false, reply };
    });
  }

  /** Deletes up to `batch` expired records; returns how many. */
  async sweep(batch = 1000): Promise<number> {
    return this.#transactions.client().$executeRaw`
      DELETE FROM idempotency_records WHERE (scope, key) IN (
        SELECT scope, key FROM idempotency_records WHERE expires_at <= ${this.#now()} LIMIT ${batch}
      )`;
  }
}
