import { h } from '../dom.js';
import { formatMoney } from '../money.js';
import { orderOf } from './cart.js';
import { heading } from './shared.js';

/**
 * The success page after "Order now".
 * @param {string} cartId
 * @returns {Node[]}
 */
export function orderView(cartId) {
  const order = orderOf(cartId);
  if (!order) {
    return [heading('Order'), h('p', {}, 'We cannot show this order in this window. ', h('a', { href: '#/' }, 'Continue shopping'))];
  }
  return [
    h(
      'section',
      { class: 'success' },
      heading('Thank you, your order is placed'),
      h('p', {}, `Order reference ${order.contentHash.slice(0, 10).toUpperCase()}. Your cart is empty again, ready for the next order.`),
      h(
        'ul',
        { class: 'receipt', 'aria-label': 'Ordered items' },
        ...order.lines.map((line) =>
          h('li', {}, h('span', {}, `${line.quantity} × ${line.name}`), h('span', {}, formatMoney(line.lineTotal))),
        ),
      ),
      h('p', { class: 'total' }, 'Total ', h('strong', { 'data-testid': 'order-total' }, formatMoney(order.totals.subtotal))),
      h('a', { class: 'button', href: '#/' }, 'Continue shopping'),
    ),
  ];
}
