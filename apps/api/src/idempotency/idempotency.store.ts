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

/** The key's lock and its record (columns null when there is none), read by one statement. */
interface LockedRecord {
  readonly locked: boolean;
  readonly fingerprint: string | null;
  readonly status: number | null;
  readonly headers: Record<string, string> | null;
  readonly body: string | null;
  readonly expires_at: Date | null;
}

/**
 * Stripe-style idempotency keys in the database. The first request runs inside one transaction that
 * also stores its reply, so the change and the record commit together or not at all. A duplicate
 * that arrives meanwhile cannot take the key's advisory lock and gets 409; one that arrives after
 * gets the stored reply; the same key with another request gets 422. Replies are stored (a checkout's
 * 409 CART_CHANGED is one: its fresh prices were saved); errors are not: a request that failed
 * changed nothing and may be retried with the same key.
 *
 * Two statements per request: the lock and the lookup in one, the record in the other. The lookup
 * reads the statement's snapshot, taken just before the lock: a duplicate that committed and let
 * go of the lock in between is not seen. The record's insert catches it (it overwrites only an
 * expired record): the request then rolls back and answers 409 IDEMPOTENCY_KEY_IN_USE, and its
 * retry gets the stored reply.
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
      const [stored] = await tx.$queryRaw<LockedRecord[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${lockKey}, 0)) AS locked, r.fingerprint, r.status, r.headers, r.body, r.expires_at FROM (SELECT 1) one LEFT JOIN idempotency_records r ON r.scope = ${request.scope} AND r.key = ${request.key}`;
      if (!stored?.locked) throw new IdempotencyKeyInUseError();
      const now = this.#now();
      if (stored.expires_at !== null && stored.expires_at > now) {
        if (stored.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
        return { replayed: true, reply: { status: stored.status ?? 0, headers: stored.headers ?? {}, body: stored.body } };
      }
      const reply = serialize(await work());
      const expiresAt = new Date(now.getTime() + retentionMs);
      const saved = await tx.$executeRaw`INSERT INTO idempotency_records (scope, key, fingerprint, status, headers, body, created_at, expires_at) VALUES (${request.scope}, ${request.key}, ${request.fingerprint}, ${reply.status}::int, ${JSON.stringify(reply.headers)}::jsonb, ${reply.body}, ${now}::timestamptz, ${expiresAt}::timestamptz) ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status, headers = excluded.headers, body = excluded.body, created_at = excluded.created_at, expires_at = excluded.expires_at WHERE idempotency_records.expires_at <= ${now}::timestamptz`;
      if (saved !== 1) throw new IdempotencyKeyInUseError();
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
