import { ApiError, getProduct } from '../api.js';
import { h, productTile } from '../dom.js';
import { attempt, canBuy, heading, priceLabel, stockLabel } from './shared.js';

/**
 * One product, with a quantity to add.
 * @param {import('./shared.js').ViewContext} context
 * @param {string} productId
 * @returns {Promise<Node[]>}
 */
export async function productView(context, productId) {
  let product;
  try {
    product = await getProduct(productId);
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'PRODUCT_NOT_FOUND' || error.status === 400)) {
      return [heading('Product not found'), h('p', {}, 'We do not have that product. ', h('a', { href: '#/' }, 'Back to all products'))];
    }
    throw error;
  }
  const quantity = h('input', { id: 'quantity', type: 'number', min: 1, max: 999, step: 1, value: 1, inputmode: 'numeric', required: true });
  const buyable = canBuy(product);
  const form = h(
    'form',
    {
      class: 'buy',
      onsubmit: (event) => {
        event.preventDefault();
        const units = Number(quantity.value);
        if (!Number.isInteger(units) || units < 1 || units > 999) {
          context.alert('Choose a quantity from 1 to 999.');
          quantity.focus();
          return;
        }
        void attempt(context, async () => {
          await context.store.add(product.id, units);
          context.announce(`Added ${units} × ${product.name} to your cart.`);
        });
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'quantity' }, 'Quantity'), quantity),
    h('button', { type: 'submit', class: 'button', disabled: !buyable }, 'Add to cart'),
  );
  return [
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '← All products')),
    h(
      'article',
      { class: 'product' },
      productTile(product, 'large'),
      h(
        'div',
        { class: 'product-info' },
        heading(product.name),
        h('p', { class: 'price large' }, priceLabel(product)),
        h('p', { class: `stock${product.active && product.stock > 0 ? '' : ' warn'}` }, stockLabel(product)),
        h('p', { class: 'muted' }, `Product number ${product.id}`),
        buyable ? form : h('p', { class: 'warn' }, 'This product cannot be ordered right now.'),
      ),
    ),
  ];
}
