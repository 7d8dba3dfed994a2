import { cartTotals, lineTotal, priceChanged, stockFlags, type CartSnapshot, type Checkout } from '@carteria/cart';

/** The cart as API.md shows it; every figure comes from the snapshot, never from another service. */
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
      name: line.name,
      imageUrl: line.imageUrl,
      unitPrice: line.unitPrice,
      lineTotal: lineTotal(line),
      ...stockFlags(line),
      priceChanged: priceChanged(line),
      addedUnitPrice: line.addedUnitPrice,
      addedAt: line.addedAt.toISOString(),
      updatedAt: line.updatedAt.toISOString(),
    })),
    totals: cartTotals(cart),
  };
}

export function presentCheckout(checkout: Checkout) {
  return { ...checkout, checkedOutAt: checkout.checkedOutAt.toISOString() };
}
