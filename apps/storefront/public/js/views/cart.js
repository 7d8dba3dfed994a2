import { h, productTile } from '../dom.js';
import { formatMoney } from '../money.js';
import { attempt, heading } from './shared.js';

/**
 * What the last "Order now" said, shown above the cart until the next attempt.
 * @type {{ kind: 'warn' | 'info', title: string, lines: string[] } | null}
 */
let notice = null;

/** Forget the checkout message (on leaving the cart page). */
export function clearCartNotice() {
  notice = null;
}

/** @type {Map<string, import('../api.js').Checkout>} */
const orders = new Map();

/** @param {string} cartId */
export function orderOf(cartId) {
  return orders.get(cartId) ?? readOrder(cartId);
}

/**
 * @param {string} cartId
 * @returns {import('../api.js').Checkout | undefined}
 */
function readOrder(cartId) {
  try {
    return JSON.parse(sessionStorage.getItem(`carteria.order.${cartId}`) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cart: lines with +/- (absolute quantities), remove, stock notes, totals, "Order now".
 * @param {import('./shared.js').ViewContext} context
 * @returns {Node[]}
 */
export function cartView(context) {
  const { store } = context;
  const cart = store.cart;
  const title = heading('Your cart');
  const noticeBox = notice
    ? h(
        'div',
        { class: `notice ${notice.kind}`, role: notice.kind === 'warn' ? 'alert' : 'status' },
        h('p', { class: 'notice-title' }, notice.title),
        notice.lines.length > 0 ? h('ul', {}, ...notice.lines.map((line) => h('li', {}, line))) : null,
      )
    : null;
  if (!cart || cart.items.length === 0) {
    return [title, ...(noticeBox ? [noticeBox] : []), h('p', { class: 'empty' }, 'Your cart is empty. ', h('a', { href: '#/' }, 'Browse the products'))];
  }

  const lines = cart.items.map((line) => {
    const setTo = (/** @type {number} */ quantity) =>
      attempt(context, async () => {
        await store.setQuantity(line.productId, quantity);
        context.announce(quantity === 0 ? `Removed ${line.name}.` : `${line.name}: ${quantity}.`);
      });
    const notes = [
      !line.inStock ? h('span', { class: 'note warn' }, 'Out of stock') : null,
      line.inStock && !line.moreInStock ? h('span', { class: 'note' }, 'All stock in cart') : null,
      line.priceChanged && line.addedUnitPrice
        ? h('span', { class: 'note' }, `Price changed from ${formatMoney(line.addedUnitPrice)}`)
        : null,
    ];
    return h(
      'li',
      { class: 'line', 'data-product': line.productId },
      productTile({ id: line.productId, name: line.name }),
      h(
        'div',
        { class: 'line-main' },
        h('a', { class: 'line-name', href: `#/product/${encodeURIComponent(line.productId)}` }, line.name),
        h('span', { class: 'muted' }, `${formatMoney(line.unitPrice)} each`),
        h('div', { class: 'notes' }, ...notes),
      ),
      h(
        'div',
        { class: 'stepper', role: 'group', 'aria-label': `Quantity of ${line.name}` },
        h(
          'button',
          { type: 'button', class: 'step', id: `less-${line.productId}`, 'aria-label': `One less ${line.name}`, onclick: () => setTo(line.quantity - 1) },
          '−',
        ),
        h('span', { class: 'quantity', 'data-testid': 'quantity' }, String(line.quantity)),
        h(
          'button',
          {
            type: 'button',
            class: 'step',
            id: `more-${line.productId}`,
            'aria-label': `One more ${line.name}`,
            disabled: line.quantity >= 999,
            onclick: () => setTo(line.quantity + 1),
          },
          '+',
        ),
      ),
      h('span', { class: 'line-total' }, formatMoney(line.lineTotal)),
      h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          id: `remove-${line.productId}`,
          'aria-label': `Remove ${line.name}`,
          onclick: () =>
            attempt(context, async () => {
              await store.remove(line.productId);
              context.announce(`Removed ${line.name}.`);
            }),
        },
        'Remove',
      ),
    );
  });

  const order = h(
    'button',
    {
      type: 'button',
      class: 'button large',
      id: 'order-now',
      onclick: () => {
        order.setAttribute('disabled', '');
        order.textContent = 'Ordering…';
        void attempt(context, async () => {
          notice = null;
          const result = await store.checkout();
          if (result.outcome === 'ordered') {
            orders.set(result.checkout.cartId, result.checkout);
            sessionStorage.setItem(`carteria.order.${result.checkout.cartId}`, JSON.stringify(result.checkout));
            context.go(`#/order/${result.checkout.cartId}`);
            return;
          }
          notice = checkoutNotice(result, store.cart);
          context.go('#/cart', true);
        }).finally(() => {
          if (order.isConnected) {
            order.removeAttribute('disabled');
            order.textContent = 'Order now';
          }
        });
      },
    },
    'Order now',
  );

  return [
    title,
    ...(noticeBox ? [noticeBox] : []),
    h('ul', { class: 'lines', 'aria-label': 'Cart lines' }, ...lines),
    h(
      'div',
      { class: 'summary' },
      h(
        'dl',
        {},
        h('dt', {}, 'Items'),
        h('dd', { 'data-testid': 'total-quantity' }, String(cart.totals.quantity)),
        h('dt', {}, 'Total'),
        h('dd', { class: 'total', 'data-testid': 'subtotal' }, formatMoney(cart.totals.subtotal)),
      ),
      order,
    ),
  ];
}

/**
 * @param {Exclude<import('../cart-store.js').CheckoutResult, { outcome: 'ordered' }>} result
 * @param {import('../api.js').Cart | null} cart
 * @returns {NonNullable<typeof notice>}
 */
function checkoutNotice(result, cart) {
  if (result.outcome === 'changed') {
    const nameOf = (/** @type {string} */ id) => cart?.items.find((line) => line.productId === id)?.name ?? id;
    return {
      kind: 'warn',
      title: 'Prices changed since you looked. Nothing was ordered: check your cart and order again.',
      lines: result.changes.map((change) => {
        const name = nameOf(change.productId);
        if (change.problem === 'price_changed' && change.previousUnitPrice && change.unitPrice) {
          return `${name}: was ${formatMoney(change.previousUnitPrice)}, now ${formatMoney(change.unitPrice)}`;
        }
        if (change.problem === 'product_unavailable' || change.problem === 'product_not_found') return `${name} can no longer be ordered`;
        if (change.problem === 'price_unavailable') return `${name} has no price right now`;
        return `${name} changed`;
      }),
    };
  }
  if (result.outcome === 'stale') {
    return { kind: 'warn', title: 'Your cart changed in another window. Nothing was ordered: check it and order again.', lines: [] };
  }
  return { kind: 'info', title: 'This cart was already ordered. You have a new, empty cart.', lines: [] };
}
