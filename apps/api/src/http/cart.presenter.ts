import type { CartSnapshot } from '@carteria/cart';

/** The cart as API.md shows it. */
export function presentCart(cart: CartSnapshot) {
  return {
    id: cart.id,
    ownerId: cart.ownerId,
    status: cart.status,
    currency: cart.currency,
    version: cart.version,
    createdAt: cart.createdAt.toISOString(),
    updatedAt: cart.updatedAt.toISOString(),
    items: cart.lines.map((line) => ({
      productId: line.productId,
      quantity: line.quantity,
      addedAt: line.addedAt.toISOString(),
      updatedAt: line.updatedAt.toISOString(),
    })),
    totals: {
      lines: cart.lines.length,
      quantity: cart.lines.reduce((sum, line) => sum + line.quantity, 0),
    },
  };
}
