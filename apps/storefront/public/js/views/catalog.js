import { listProducts } from '../api.js';
import { h, productTile } from '../dom.js';
import { attempt, canBuy, heading, priceLabel, stockLabel } from './shared.js';

const PAGE_SIZE = 12;

/** Cursors of the pages before the current one, for "Previous". */
/** @type {string[]} */
let cursors = [];
/** @type {string | undefined} */
let cursor;
let listingKey = '';

/**
 * The catalog: search by name prefix, sort, page.
 * @param {import('./shared.js').ViewContext} context
 * @param {URLSearchParams} params
 * @returns {Promise<Node[]>}
 */
export async function catalogView(context, params) {
  const sort = params.get('sort') === 'price' ? 'price' : 'name';
  const prefix = (params.get('q') ?? '').trim();
  const key = `${sort}|${prefix}`;
  if (key !== listingKey) {
    listingKey = key;
    cursors = [];
    cursor = undefined;
  }
  const page = await listProducts({ limit: PAGE_SIZE, sort, ...(prefix ? { prefix } : {}), ...(cursor ? { cursor } : {}) });

  const search = h('input', { id: 'search', type: 'search', name: 'q', value: prefix, autocomplete: 'off', spellcheck: 'false' });
  const sortSelect = h(
    'select',
    { id: 'sort', name: 'sort' },
    h('option', { value: 'name', selected: sort === 'name' }, 'Name'),
    h('option', { value: 'price', selected: sort === 'price' }, 'Price, low to high'),
  );
  const apply = () => {
    const next = new URLSearchParams();
    if (search.value.trim()) next.set('q', search.value.trim());
    if (sortSelect.value !== 'name') next.set('sort', sortSelect.value);
    context.go(`#/${next.size > 0 ? `?${next}` : ''}`);
  };
  sortSelect.addEventListener('change', apply);
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Products', onsubmit: (event) => (event.preventDefault(), apply()) },
    h('div', { class: 'field' }, h('label', { for: 'search' }, 'Name starts with'), search),
    h('div', { class: 'field' }, h('label', { for: 'sort' }, 'Sort by'), sortSelect),
    h('button', { type: 'submit', class: 'button secondary' }, 'Search'),
  );

  const items = page.items.map((product) =>
    h(
      'li',
      { class: 'card' },
      productTile(product),
      h('h2', { class: 'card-title' }, h('a', { href: `#/product/${encodeURIComponent(product.id)}` }, product.name)),
      h('p', { class: 'price' }, priceLabel(product)),
      h('p', { class: `stock${product.active && product.stock > 0 ? '' : ' warn'}` }, stockLabel(product)),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: `add-${product.id}`,
          'aria-label': `Add ${product.name} to cart`,
          disabled: !canBuy(product),
          onclick: () =>
            attempt(context, async () => {
              await context.store.add(product.id, 1);
              context.announce(`Added ${product.name} to your cart.`);
            }),
        },
        'Add to cart',
      ),
    ),
  );

  const pageNumber = cursors.length + 1;
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    h(
      'button',
      {
        type: 'button',
        class: 'button secondary',
        disabled: pageNumber === 1,
        onclick: () => {
          cursor = cursors.pop();
          context.go(location.hash, true);
        },
      },
      'Previous page',
    ),
    h('span', { 'aria-current': 'page' }, `Page ${pageNumber}`),
    h(
      'button',
      {
        type: 'button',
        class: 'button secondary',
        disabled: page.nextCursor === null,
        onclick: () => {
          if (page.nextCursor === null) return;
          if (cursor !== undefined) cursors.push(cursor);
          else cursors.push('');
          cursor = page.nextCursor;
          context.go(location.hash, true);
        },
      },
      'Next page',
    ),
  );

  return [
    heading(prefix ? `Products starting with “${prefix}”` : 'All products'),
    form,
    items.length > 0
      ? h('ul', { class: 'grid', 'aria-label': 'Products' }, ...items)
      : h('p', { class: 'empty' }, 'No product name starts with that. Try fewer letters.'),
    pager,
  ];
}
