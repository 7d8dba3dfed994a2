import { h } from '../dom.js';
import { formatMoney } from '../money.js';

/**
 * @typedef {import('../cart-store.js').CartStore} CartStore
 * @typedef {object} ViewContext
 * @property {CartStore} store
 * @property {(message: string) => void} announce polite status for screen readers and eyes
 * @property {(message: string) => void} alert an error the shopper must see
 * @property {(hash: string, rerender?: boolean) => void} go
 */

/**
 * A product's price, or why it has none.
 * @param {import('../api.js').Product} product
 */
export function priceLabel(product) {
  return product.unitPrice ? formatMoney(product.unitPrice) : 'Price not available';
}

/**
 * Stock in words.
 * @param {import('../api.js').Product} product
 */
export function stockLabel(product) {
  if (!product.active) return 'Not for sale';
  if (product.stock === 0) return 'Out of stock';
  if (product.stock <= 3) return `Only ${product.stock} left`;
  return 'In stock';
}

/** @param {import('../api.js').Product} product */
export function canBuy(product) {
  return product.active && product.unitPrice !== null;
}

/**
 * The page heading, focusable so navigation can move focus to it.
 * @param {string} text
 */
export function heading(text) {
  return h('h1', { id: 'page-title', tabindex: '-1' }, text);
}

/**
 * Runs a shopper's action, turning failures into a visible message.
 * @param {ViewContext} context
 * @param {() => Promise<void>} action
 */
export async function attempt(context, action) {
  try {
    await action();
  } catch (error) {
    context.alert(error instanceof Error ? `Sorry, that did not work: ${error.message}` : 'Sorry, that did not work.');
  }
}
