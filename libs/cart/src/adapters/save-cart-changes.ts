import type { Prisma } from '@carteria/db';
import type { CartLine, CartSnapshot } from '../domain/cart-snapshot.ts';

/**
 * Writes the difference between two versions of a locked cart: removed lines in one statement,
 * each new or changed line in one, then the cart row, conditioned on the version that was read.
 */
export async function saveCartChanges(
  tx: Prisma.TransactionClient,
  before: CartSnapshot,
  after: CartSnapshot,
): Promise<void> {
  const cartId = after.id;
  const previous = new Map(before.lines.map((line) => [line.productId, line]));
  const kept = new Set(after.lines.map((line) => line.productId));
  const removed = before.lines.filter((line) => !kept.has(line.productId)).map((line) => line.productId);

  if (removed.length > 0) {
    await tx.cartLine.deleteMany({ where: kept.size === 0 ? { cartId } : { cartId, productId: { in: removed } } });
  }
  for (const line of after.lines) {
    const old = previous.get(line.productId);
    if (!old) {
      await tx.cartLine.create({
        data: {
          cartId,
          productId: line.productId,
          position: line.position,
          addedAt: line.addedAt,
          addedUnitPrice: line.addedUnitPrice.amount,
          ...changeableColumns(line),
        },
      });
    } else if (lineChanged(old, line)) {
      await tx.cartLine.update({
        where: { cartId_productId: { cartId, productId: line.productId } },
        data: changeableColumns(line),
      });
    }
  }
  const saved = await tx.cart.updateMany({
    where: { id: cartId, version: before.version },
    data: {
      version: after.version,
      status: after.status,
      ownerId: after.ownerId,
      guestKey: after.guestKey,
      updatedAt: after.updatedAt,
    },
  });
  if (saved.count !== 1) throw new Error(`Cart ${cartId} changed under its lock.`);
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
