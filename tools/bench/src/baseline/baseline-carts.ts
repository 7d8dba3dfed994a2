import type pg from 'pg';
import { v7 as newId } from 'uuid';
import { cartBody, cartFromRows, type Cart, type CartRow, type Line } from './cart-rows.ts';
import * as sql from './cart-statements.ts';
import type { Offer } from './offers.ts';

/** An answer: status, headers and the JSON text of the body. */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A refusal, answered as problem+json with a stable code (only what the benchmark can meet). */
export class Refusal extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string) {
    super(code);
    this.status = status;
    this.code = code;
  }
}

/** An Idempotency-Key as the api scopes it: the caller, the key, and a fingerprint of the request. */
export interface IdempotentRequest {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
}

/** One line change: the product, the line's next quantity given the current one, and its event. */
interface LineChange {
  readonly productId: string;
  readonly next: (current: number) => number;
  readonly type: 'cart.item_added' | 'cart.item_quantity_changed';
  readonly details: (before: number, after: number, unitPrice: number, currency: string) => Record<string, unknown>;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

const retentionMs = 24 * 60 * 60 * 1000;
const limits = { maxLines: 100, maxQuantity: 999 };

/**
 * The api's cart work with nothing around it: the same statements in the same transactions (an
 * unlocked read to authorize, then lock and read, then write the line, the cart row and the outbox
 * event in one statement; with an Idempotency-Key all of it inside the key's transaction), on a
 * bare `pg` pool.
 */
export class BaselineCarts {
  readonly #pool: pg.Pool;
  readonly #offers: ReadonlyMap<string, ReadonlyMap<string, Offer>>;

  constructor(pool: pg.Pool, offers: ReadonlyMap<string, ReadonlyMap<string, Offer>>) {
    this.#pool = pool;
    this.#offers = offers;
  }

  async read(cartId: string, subject: string): Promise<Reply> {
    const cart = visible(await readCart(this.#pool, cartId), subject);
    return cartReply(cart);
  }

  add(cartId: string, subject: string, productId: string, quantity: number, idempotency?: IdempotentRequest): Promise<Reply> {
    const change: LineChange = {
      productId,
      next: (current) => current + quantity,
      type: 'cart.item_added',
      details: (_before, after, unitPrice, currency) => ({
        productId,
        quantity,
        lineQuantity: after,
        unitPrice: { amount: unitPrice, currency },
      }),
    };
    return idempotency ? this.#idempotent(idempotency, (tx) => this.#change(tx, cartId, subject, change)) : this.#change(undefined, cartId, subject, change);
  }

  setQuantity(cartId: string, subject: string, productId: string, quantity: number): Promise<Reply> {
    return this.#change(undefined, cartId, subject, {
      productId,
      next: () => quantity,
      type: 'cart.item_quantity_changed',
      details: (before, _after, unitPrice, currency) => ({
        productId,
        previousQuantity: before,
        quantity,
        unitPrice: { amount: unitPrice, currency },
      }),
    });
  }

  /** The change inside the open transaction `tx`, or in a transaction of its own. */
  async #change(tx: pg.PoolClient | undefined, cartId: string, subject: string, change: LineChange): Promise<Reply> {
    const seen = visible(await readCart(tx ?? this.#pool, cartId), subject);
    if (seen.status !== 'active') throw new Refusal(409, 'CART_CHECKED_OUT');
    const offer = this.#offers.get(seen.currency)?.get(change.productId);
    if (!offer) throw new Refusal(404, 'PRODUCT_NOT_FOUND');
    if (tx) return this.#lockedChange(tx, cartId, seen, change, offer);
    return this.#transaction((client) => this.#lockedChange(client, cartId, seen, change, offer));
  }

  async #lockedChange(tx: pg.PoolClient, cartId: string, seen: Cart, change: LineChange, offer: Offer): Promise<Reply> {
    const locked = await tx.query<CartRow & { seen_version: number }>(sql.lockCart, [cartId, cartId]);
    const first = locked.rows[0];
    if (!first) throw new Refusal(404, 'CART_NOT_FOUND');
    const current = first.seen_version === first.version ? cartFromRows(locked.rows) : await readCart(tx, cartId);
    if (!current || current.ownerId !== seen.ownerId) throw new Refusal(404, 'CART_NOT_FOUND');
    const existing = current.lines.find((line) => line.productId === change.productId);
    const before = existing?.quantity ?? 0;
    const quantity = change.next(before);
    if (quantity > limits.maxQuantity) throw new Refusal(422, 'QUANTITY_LIMIT_EXCEEDED');
    if (existing && sameLine(existing, quantity, offer)) return cartReply(current);
    if (!existing && current.lines.length >= limits.maxLines) throw new Refusal(422, 'LINE_LIMIT_EXCEEDED');

    const now = new Date();
    const details = { quantity, name: offer.name, imageUrl: offer.imageUrl, unitPrice: offer.unitPrice, stock: offer.stock };
    const line: Line = existing
      ? { ...existing, ...details, updatedAt: now }
      : {
          productId: change.productId,
          position: Math.max(0, ...current.lines.map((each) => each.position)) + 1,
          ...details,
          addedUnitPrice: offer.unitPrice,
          addedAt: now,
          updatedAt: now,
        };
    const lines = existing ? current.lines.map((each) => (each === existing ? line : each)) : [...current.lines, line];
    const after: Cart = { ...current, version: current.version + 1, updatedAt: now, lines };

    const data = {
      cartId,
      ownerId: after.ownerId,
      version: after.version,
      ...change.details(before, quantity, offer.unitPrice, after.currency),
    };
    const saved = await tx.query(sql.saveLine, [
      cartId, line.productId, line.position, line.quantity, line.name, line.imageUrl, line.unitPrice, line.addedUnitPrice, line.stock, line.addedAt, line.updatedAt,
      cartId, after.version, newId(), change.type, now, JSON.stringify(data),
      after.version, after.status, after.ownerId, after.guestKey, now, cartId, current.version,
    ]);
    if (saved.rowCount !== 1) throw new Error(`Cart ${cartId} changed under its lock.`);
    return cartReply(after);
  }

  /** The api's idempotency store: key lock and lookup, the work, the stored reply, in one transaction. */
  #idempotent(request: IdempotentRequest, work: (tx: pg.PoolClient) => Promise<Reply>): Promise<Reply> {
    return this.#transaction(async (tx) => {
      const found = await tx.query<{ locked: boolean; fingerprint: string; status: number; headers: Record<string, string>; body: string; expires_at: Date | null }>(
        sql.lockIdempotencyKey,
        [`${request.scope}\n${request.key}`, request.scope, request.key],
      );
      const stored = found.rows[0];
      if (!stored?.locked) throw new Refusal(409, 'IDEMPOTENCY_KEY_IN_USE');
      const now = new Date();
      if (stored.expires_at !== null && stored.expires_at > now) {
        if (stored.fingerprint !== request.fingerprint) throw new Refusal(422, 'IDEMPOTENCY_KEY_REUSED');
        return { status: stored.status, headers: { ...stored.headers, 'Idempotent-Replayed': 'true' }, body: stored.body };
      }
      const reply = await work(tx);
      const headers = JSON.stringify(reply.headers);
      const expires = new Date(now.getTime() + retentionMs);
      const saved = await tx.query(sql.insertIdempotencyRecord, [request.scope, request.key, request.fingerprint, reply.status, headers, reply.body, now, expires, now]);
      if (saved.rowCount !== 1) throw new Refusal(409, 'IDEMPOTENCY_KEY_IN_USE');
      return reply;
    });
  }

  async #transaction(work: (tx: pg.PoolClient) => Promise<Reply>): Promise<Reply> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const reply = await work(client);
      await client.query('COMMIT');
      return reply;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

async function readCart(db: Queryable, cartId: string): Promise<Cart | null> {
  const result = await db.query<CartRow>(sql.selectCart, [cartId]);
  return cartFromRows(result.rows);
}

/** The owner sees the cart; anyone else is told it does not exist (the api's policy for a plain token). */
function visible(cart: Cart | null, subject: string): Cart {
  if (!cart || cart.ownerId !== subject) throw new Refusal(404, 'CART_NOT_FOUND');
  return cart;
}

function sameLine(line: Line, quantity: number, offer: Offer): boolean {
  return (
    line.quantity === quantity &&
    line.name === offer.name &&
    line.imageUrl === offer.imageUrl &&
    line.unitPrice === offer.unitPrice &&
    line.stock === offer.stock
  );
}

function cartReply(cart: Cart): Reply {
  return { status: 200, headers: { ETag: `"${cart.version}"` }, body: JSON.stringify(cartBody(cart)) };
}
