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
      await tx.cartLine.create({ data: { cartId, ...line } });
    } else if (lineChanged(old, line)) {
      await tx.cartLine.update({
        where: { cartId_productId: { cartId, productId: line.productId } },
        data: { quantity: line.quantity, updatedAt: line.updatedAt },
      });
    }
  }
  const saved = await tx.cart.updateMany({
    where: { id: cartId, version: before.version },
    data: { version: after.version, status: after.status, updatedAt: after.updatedAt },
  });
  if (saved.count !== 1) throw new Error(`Cart ${cartId} changed under its lock.`);
}

function lineChanged(old: CartLine, line: CartLine): boolean {
  return old.quantity !== line.quantity || old.updatedAt.getTime() !== line.updatedAt.getTime();
}
