import { Prisma, type Transactions } from '@carteria/db';
import type { CartEvent } from '../domain/cart-event.ts';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartChange, CartMerge, CartPageRequest, CartRepository, ExpiryCutoffs } from '../ports/cart.repository.ts';
import { cartColumns, cartsFromRows, type CartRow, type LockedCartRow } from './cart-rows.ts';
import { insertEvents, saveCartChanges } from './save-cart-changes.ts';

type Transaction = Prisma.TransactionClient;

const selectCart = Prisma.raw(`SELECT ${cartColumns} FROM carts c LEFT JOIN cart_lines l ON l.cart_id = c.id`);

/**
 * Carts in PostgreSQL (or PGlite). Each read is one statement; a change locks the cart row
 * (`FOR UPDATE`) so concurrent changes to one cart run one after the other, and writes only the
 * lines that changed, with its event, in one more statement. Every query joins the unit of work
 * already open, if any (see Transactions).
 */
export class PrismaCartRepository implements CartRepository {
  readonly #transactions: Transactions;

  constructor(transactions: Transactions) {
    this.#transactions = transactions;
  }

  async insert(cart: CartSnapshot, event: CartEvent): Promise<void> {
    await this.#transactions.client().$executeRaw`WITH event AS (${insertEvents([event])}) INSERT INTO carts (id, owner_id, guest_key, status, currency, version, created_at, updated_at) VALUES (${cart.id}::uuid, ${cart.ownerId}::uuid, ${cart.guestKey}, ${cart.status}, ${cart.currency}, ${cart.version}::int, ${cart.createdAt}::timestamptz, ${cart.updatedAt}::timestamptz)`;
  }

  async findById(cartId: string): Promise<CartSnapshot | null> {
    const rows = await this.#transactions.client().$queryRaw<CartRow[]>`${selectCart} WHERE c.id = ${cartId}::uuid ORDER BY l.position`;
    return cartsFromRows(rows)[0] ?? null;
  }

  async listByOwner(ownerId: string, page: CartPageRequest): Promise<CartSnapshot[]> {
    const before = page.beforeId === undefined ? Prisma.empty : Prisma.sql`AND id < ${page.beforeId}::uuid`;
    const rows = await this.#transactions.client().$queryRaw<CartRow[]>`
      WITH c AS (
        SELECT * FROM carts WHERE owner_id = ${ownerId}::uuid ${before} ORDER BY id DESC LIMIT ${page.limit}
      )
      SELECT ${Prisma.raw(cartColumns)} FROM c LEFT JOIN cart_lines l ON l.cart_id = c.id
      ORDER BY c.id DESC, l.position`;
    return cartsFromRows(rows);
  }

  update(cartId: string, decide: (current: CartSnapshot) => Promise<CartChange>): Promise<CartSnapshot | null> {
    return this.#transactions.run(async (tx) => {
      const current = await this.#lock(tx, cartId);
      if (!current) return null;
      const { cart, event } = await decide(current);
      if (cart.version === current.version) return cart;
      if (!event) throw new Error(`Cart ${cartId} changed without an event.`);
      await saveCartChanges(tx, current, cart, event);
      return cart;
    });
  }

  remove(cartId: string, decide: (current: CartSnapshot) => Promise<CartEvent>): Promise<boolean> {
    return this.#transactions.run(async (tx) => {
      const current = await this.#lock(tx, cartId);
      if (!current) return false;
      await deleteCart(tx, cartId, await decide(current));
      return true;
    });
  }

  merge(
    targetId: string,
    sourceId: string,
    decide: (target: CartSnapshot, source: CartSnapshot) => Promise<CartMerge>,
  ): Promise<CartSnapshot | null> {
    return this.#transactions.run(async (tx) => {
      const locked = await tx.$queryRaw<unknown[]>`
        SELECT 1 FROM carts WHERE id IN (${targetId}::uuid, ${sourceId}::uuid) ORDER BY id FOR UPDATE`;
      if (locked.length !== 2) return null;
      const carts = cartsFromRows(await tx.$queryRaw<CartRow[]>`
        ${selectCart} WHERE c.id IN (${targetId}::uuid, ${sourceId}::uuid) ORDER BY c.id, l.position`);
      const target = carts.find((cart) => cart.id === targetId);
      const source = carts.find((cart) => cart.id === sourceId);
      if (!target || !source) return null;
      const { target: change, sourceEvent } = await decide(target, source);
      if (change.event) await saveCartChanges(tx, target, change.cart, change.event);
      await deleteCart(tx, sourceId, sourceEvent);
      return change.cart;
    });
  }

  removeExpired(cutoffs: ExpiryCutoffs, limit: number, eventOf: (cart: CartSnapshot) => CartEvent): Promise<number> {
    return this.#transactions.run(async (tx) => {
      const expired = await tx.$queryRaw<{ id: string; owner_id: string | null; version: number }[]>`
        SELECT id, owner_id, version FROM carts
        WHERE (status = 'checked_out' AND updated_at < ${cutoffs.checkedOut})
           OR (status = 'active' AND owner_id IS NULL AND updated_at < ${cutoffs.guest})
           OR (status = 'active' AND owner_id IS NOT NULL AND updated_at < ${cutoffs.active})
        ORDER BY updated_at LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      if (expired.length === 0) return 0;
      const ids = expired.map((cart) => cart.id);
      const carts = cartsFromRows(await tx.$queryRaw<CartRow[]>`
        ${selectCart} WHERE c.id = ANY(${ids}::uuid[]) ORDER BY c.id, l.position`);
      if (carts.length === 0) return 0;
      await tx.$executeRaw`WITH event AS (${insertEvents(carts.map(eventOf))}) DELETE FROM carts WHERE id = ANY(${ids}::uuid[])`;
      return carts.length;
    });
  }

  /**
   * Locks the cart row and reads the cart, in one statement when nobody changed it meanwhile.
   * Under READ COMMITTED a statement that waited for the row lock (or found the row changed since
   * its snapshot) sees the locked row's newest version but the lines of its own, older snapshot,
   * so lines joined in that statement could be stale (the lost update this once caused). The
   * statement also returns the version of its snapshot (`seen`, not locked, so not refreshed):
   * every change of a line raises the version under this lock, so equal versions mean the lines
   * are current. When they differ, a second statement reads again with a fresh snapshot, taken
   * after the previous writer committed.
   */
  async #lock(tx: Transaction, cartId: string): Promise<CartSnapshot | null> {
    const rows = await tx.$queryRaw<LockedCartRow[]>`WITH seen AS MATERIALIZED (SELECT version FROM carts WHERE id = ${cartId}::uuid) SELECT ${Prisma.raw(cartColumns)}, seen.version AS seen_version FROM carts c CROSS JOIN seen LEFT JOIN cart_lines l ON l.cart_id = c.id WHERE c.id = ${cartId}::uuid ORDER BY l.position FOR UPDATE OF c`;
    const first = rows[0];
    if (!first) return null;
    if (first.seen_version === first.version) return cartsFromRows(rows)[0] ?? null;
    const fresh = await tx.$queryRaw<CartRow[]>`${selectCart} WHERE c.id = ${cartId}::uuid ORDER BY l.position`;
    return cartsFromRows(fresh)[0] ?? null;
  }
}

/** Deletes a cart (its lines go by cascade) and records its event, in one statement. */
async function deleteCart(tx: Transaction, cartId: string, event: CartEvent): Promise<void> {
  await tx.$executeRaw`WITH event AS (${insertEvents([event])}) DELETE FROM carts WHERE id = ${cartId}::uuid`;
}
