import { multiplyMoney, sameMoney, sumMoney, type Money } from '@carteria/kernel';
import type { CartLine, CartSnapshot } from './cart-snapshot.ts';

export interface CartTotals {
  readonly lines: number;
  readonly quantity: number;
  readonly subtotal: Money;
}

export function lineTotal(line: CartLine): Money {
  return multiplyMoney(line.unitPrice, line.quantity);
}

/** The seed's stock flags: enough on hand for this line, and more than it holds. */
export function stockFlags(line: CartLine): { readonly inStock: boolean; readonly moreInStock: boolean } {
  return { inStock: line.stock >= line.quantity, moreInStock: line.stock > line.quantity };
}

export function priceChanged(line: CartLine): boolean {
  return !sameMoney(line.unitPrice, line.addedUnitPrice);
}

export function cartTotals(cart: CartSnapshot): CartTotals {
  return {
    lines: cart.lines.length,
    quantity: cart.lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: sumMoney(cart.lines.map(lineTotal), cart.currency),
  };
}

/** Units of a product in the cart; 0 when it has no line. */
export function quantityOf(cart: CartSnapshot, productId: string): number {
  return cart.lines.find((line) => line.productId === productId)?.quantity ?? 0;
}
