import { money } from '@carteria/kernel';
import type { CartLine, CartSnapshot, CartStatus } from '../domain/cart-snapshot.ts';

/** One row of a cart joined with one of its lines (line columns are null for an empty cart). */
export interface CartRow {
  readonly id: string;
  readonly owner_id: string | null;
  readonly guest_key: string | null;
  readonly status: string;
  readonly currency: string;
  readonly version: number;
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly product_id: string | null;
  readonly quantity: number | null;
  readonly position: number | null;
  readonly name: string | null;
  readonly image_url: string | null;
  readonly unit_price: number | null;
  readonly added_unit_price: number | null;
  readonly stock: number | null;
  readonly added_at: Date | null;
  readonly line_updated_at: Date | null;
}

/** A row of the locking read: `seen_version` is the version in the statement's snapshot. */
export interface LockedCartRow extends CartRow {
  readonly seen_version: number;
}

/** The columns every cart query selects, so that one mapper reads them all. */
export const cartColumns = `c.id, c.owner_id, c.guest_key, c.status, c.currency, c.version, c.created_at, c.updated_at,
  l.product_id, l.quantity, l.position, l.name, l.image_url, l.unit_price, l.added_unit_price, l.stock,
  l.added_at, l.updated_at AS line_updated_at`;

/** Folds joined rows, ordered by cart then line position, into carts in the same order. */
export function cartsFromRows(rows: readonly CartRow[]): CartSnapshot[] {
  const carts = new Map<string, { cart: Omit<CartSnapshot, 'lines'>; lines: CartLine[] }>();
  for (const row of rows) {
    let entry = carts.get(row.id);
    if (!entry) {
      entry = {
        cart: {
          id: row.id,
          ownerId: row.owner_id,
          guestKey: row.guest_key,
          status: row.status as CartStatus,
          currency: row.currency,
          version: row.version,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        },
        lines: [],
      };
      carts.set(row.id, entry);
    }
    if (row.product_id !== null) entry.lines.push(lineFromRow(row, row.currency));
  }
  return [...carts.values()].map(({ cart, lines }) => ({ ...cart, lines }));
}

/** Called only for rows that have a line, whose columns are then all set. */
function lineFromRow(row: CartRow, currency: string): CartLine {
  return {
    productId: row.product_id as string,
    quantity: row.quantity as number,
    position: row.position as number,
    name: row.name as string,
    imageUrl: row.image_url,
    unitPrice: money(row.unit_price as number, currency),
    addedUnitPrice: money(row.added_unit_price as number, currency),
    stock: row.stock as number,
    addedAt: row.added_at as Date,
    updatedAt: row.line_updated_at as Date,
  };
}
