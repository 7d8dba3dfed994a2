import { Prisma } from '@carteria/db';
import type { CartEvent } from '../domain/cart-event.ts';
import type { CartLine, CartSnapshot } from '../domain/cart-snapshot.ts';

/**
 * Writes the difference between two versions of a locked cart and its event in one statement:
 * removed lines, new or changed lines (one upsert), and the outbox event as data-modifying CTEs of
 * the cart row's update, which is conditioned on the version that was read. The parts touch
 * disjoint rows, so the order PostgreSQL runs them in does not matter, with one exception: a new
 * line may take the position of a removed one (unique per cart), so when a change both removes
 * and adds lines the removal goes first, as a statement of its own.
 */
export async function saveCartChanges(
  tx: Prisma.TransactionClient,
  before: CartSnapshot,
  after: CartSnapshot,
  event: CartEvent,
): Promise<void> {
  const cartId = after.id;
  const previous = new Map(before.lines.map((line) => [line.productId, line]));
  const kept = new Set(after.lines.map((line) => line.productId));
  const removed = before.lines.filter((line) => !kept.has(line.productId)).map((line) => line.productId);
  const written = after.lines.filter((line) => {
    const old = previous.get(line.productId);
    return !old || lineChanged(old, line);
  });
  const adds = written.some((line) => !previous.has(line.productId));

  const parts: Prisma.Sql[] = [];
  if (removed.length > 0) {
    const removal = Prisma.sql`DELETE FROM cart_lines WHERE cart_id = ${cartId}::uuid${
      kept.size === 0 ? Prisma.empty : Prisma.sql` AND product_id = ANY(${removed}::varchar[])`
    }`;
    if (adds) await tx.$executeRaw(removal);
    else parts.push(Prisma.sql`removed AS (${removal})`);
  }
  if (written.length > 0) parts.push(Prisma.sql`lines AS (${upsertLines(cartId, written)})`);
  parts.push(Prisma.sql`event AS (${insertEvents([event])})`);

  const saved = await tx.$executeRaw`WITH ${Prisma.join(parts, ', ')} UPDATE carts SET version = ${after.version}::int, status = ${after.status}, owner_id = ${after.ownerId}::uuid, guest_key = ${after.guestKey}, updated_at = ${after.updatedAt}::timestamptz WHERE id = ${cartId}::uuid AND version = ${before.version}::int`;
  if (saved !== 1) throw new Error(`Cart ${cartId} changed under its lock.`);
}

/** `INSERT INTO cart_events ...` for these events (at least one), as a statement or a CTE body. */
export function insertEvents(events: readonly CartEvent[]): Prisma.Sql {
  const rows = events.map(
    (event) =>
      Prisma.sql`(${event.cartId}::uuid, ${event.sequence}::int, ${event.id}::uuid, ${event.type}, ${event.occurredAt}::timestamptz, ${JSON.stringify(event.data)}::jsonb)`,
  );
  return Prisma.sql`INSERT INTO cart_events (cart_id, sequence, id, type, occurred_at, data) VALUES ${Prisma.join(rows, ', ')}`;
}

/** New lines are inserted; a line already stored (same product) gets its changeable columns. */
function upsertLines(cartId: string, lines: readonly CartLine[]): Prisma.Sql {
  const rows = lines.map(
    (line) =>
      Prisma.sql`(${cartId}::uuid, ${line.productId}, ${line.position}::int, ${line.quantity}::int, ${line.name}, ${line.imageUrl}, ${line.unitPrice.amount}::int, ${line.addedUnitPrice.amount}::int, ${line.stock}::int, ${line.addedAt}::timestamptz, ${line.updatedAt}::timestamptz)`,
  );
  return Prisma.sql`INSERT INTO cart_lines (cart_id, product_id, position, quantity, name, image_url, unit_price, added_unit_price, stock, added_at, updated_at) VALUES ${Prisma.join(rows, ', ')} ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = excluded.quantity, name = excluded.name, image_url = excluded.image_url, unit_price = excluded.unit_price, stock = excluded.stock, updated_at = excluded.updated_at`;
}

function changeableColumns(line: CartLine) {
  return {
    quantity: line.quantity,
    name: line.name,
    imageUrl: line.imageUrl,
    unitPrice: line.unitPrice.amount,
    stock: line.stock,
    updatedAt: line.updatedAt,
  };
}

/** Compares what is written, not updatedAt: two changes may fall in the same millisecond. */
function lineChanged(old: CartLine, line: CartLine): boolean {
  const before = changeableColumns(old);
  const after = changeableColumns(line);
  return (
    before.quantity !== after.quantity ||
    before.name !== after.name ||
    before.imageUrl !== after.imageUrl ||
    before.unitPrice !== after.unitPrice ||
    before.stock !== after.stock ||
    before.updatedAt.getTime() !== after.updatedAt.getTime()
  );
}
