import { Prisma, type Transactions } from '@carteria/db';
import type { CartEvent } from '../domain/cart-event.ts';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartChange, CartMerge, CartPageRequest, CartRepository, ExpiryCutoffs } from '../ports/cart.repository.ts';
import { cartColumns, cartsFromRows, type CartRow } from './cart-rows.ts';
import { saveCartChanges } from './save-cart-changes.ts';

type Transaction = Prisma.TransactionClient;

const selectCart = Prisma.raw(`SELECT ${cartColumns} FROM carts c LEFT JOIN cart_lines l ON l.cart_id = c.id`);

/**
 * Carts in PostgreSQL (or PGlite). Each read is one statement; a change locks the cart row
 * (`FOR UPDATE`) so concurrent changes to one cart run one after the other, and writes only the
 * lines that changed. Every query joins the unit of work already open, if any (see Transactions).
 */
export class PrismaCartRepository implements CartRepository {
  readonly #transactions: Transactions;

  constructor(transactions: Transactions) {
    this.#transactions = transactions;
  }

  async insert(cart: CartSnapshot, event: CartEvent): Promise<void> {
    await this.#transactions.run(async (tx) => {
      await tx.cart.create({
        data: {
          id: cart.id,
          ownerId: cart.ownerId,
          guestKey: cart.guestKey,
          status: cart.status,
          currency: cart.currency,
          version: cart.version,
          createdAt: cart.createdAt,
          updatedAt: cart.updatedAt,
        },
      });
      await tx.cartEvent.create({ data: eventRow(event) });
    });
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
      await saveCartChanges(tx, current, cart);
      await tx.cartEvent.create({ data: eventRow(event) });
      return cart;
    });
  }

  remove(cartId: string, decide: (current: CartSnapshot) => Promise<CartEvent>): Promise<boolean> {
    return this.#transactions.run(async (tx) => {
      const current = await this.#lock(tx, cartId);
      if (!current) return false;
      const event = await decide(current);
      await tx.cart.delete({ where: { id: cartId } });
      await tx.cartEvent.create({ data: eventRow(event) });
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
      if (change.event) {
        await saveCartChanges(tx, target, change.cart);
        await tx.cartEvent.create({ data: eventRow(change.event) });
      }
      await tx.cart.delete({ where: { id: sourceId } });
      await tx.cartEvent.create({ data: eventRow(sourceEvent) });
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
      await tx.cart.deleteMany({ where: { id: { in: ids } } });
      await tx.cartEvent.createMany({ data: carts.map((cart) => eventRow(eventOf(cart))) });
      return carts.length;
    });
  }

  /**
   * Two statements on purpose: under READ COMMITTED a statement that waited for the row lock
   * re-reads only the locked row, so lines joined in the same statement could be stale. The
   * second statement takes a fresh snapshot, after the previous writer committed.
   */
  async #lock(tx: Transaction, cartId: string): Promise<CartSnapshot | null> {
    const locked = await tx.$queryRaw<unknown[]>`SELECT 1 FROM carts WHERE id = ${cartId}::uuid FOR UPDATE`;
    if (locked.length === 0) return null;
    const rows = await tx.$queryRaw<CartRow[]>`${selectCart} WHERE c.id = ${cartId}::uuid ORDER BY l.position`;
    return cartsFromRows(rows)[0] ?? null;
  }
}

function eventRow(event: CartEvent) {
  return {
    cartId: event.cartId,
    sequence: event.sequence,
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    data: event.data as Prisma.InputJsonObject,
  };
}
