import { CartStore } from './cart-store.js';
import { cartView, clearCartNotice } from './views/cart.js';
import { catalogView } from './views/catalog.js';
import { orderView } from './views/order.js';
import { productView } from './views/product.js';

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element;
}

const main = byId('main');
const badge = byId('cart-count');
const cartLink = byId('cart-link');
const status = byId('status');
const alertBox = byId('alert');
const store = new CartStore(localStorage);

/** @type {import('./views/shared.js').ViewContext} */
const context = {
  store,
  announce(message) {
    alertBox.hidden = true;
    status.textContent = message;
  },
  alert(message) {
    alertBox.textContent = message;
    alertBox.hidden = false;
  },
  go(hash, rerender = false) {
    if (location.hash === hash || (hash === '#/' && location.hash === '')) {
      if (rerender) void render(false);
    } else {
      location.hash = hash;
    }
  },
};

let renderCount = 0;
let lastRoute = '';

/**
 * Draws the page for the current hash. On a new route focus moves to the heading; on a redraw of
 * the same route (a cart change) focus stays on the control that had it.
 * @param {boolean} navigated
 */
async function render(navigated) {
  const ticket = ++renderCount;
  const route = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = route.split('?');
  const routeKey = path;
  if (routeKey !== lastRoute) {
    if (lastRoute === '/cart') clearCartNotice();
    alertBox.hidden = true;
    status.textContent = '';
  }
  /** @type {Node[]} */
  let nodes;
  try {
    if (path === '/cart') nodes = cartView(context);
    else if (path.startsWith('/product/')) nodes = await productView(context, decodeURIComponent(path.slice('/product/'.length)));
    else if (path.startsWith('/order/')) nodes = orderView(decodeURIComponent(path.slice('/order/'.length)));
    else nodes = await catalogView(context, new URLSearchParams(query));
  } catch {
    nodes = [];
    context.alert('The shop cannot reach the server right now. Please try again in a moment.');
  }
  if (ticket !== renderCount) return;
  const focusedId = document.activeElement instanceof HTMLElement && main.contains(document.activeElement) ? document.activeElement.id : '';
  main.replaceChildren(...nodes);
  main.setAttribute('aria-busy', 'false');
  const firstPage = lastRoute === '';
  const isNewRoute = routeKey !== lastRoute || navigated;
  lastRoute = routeKey;
  document.title = `${document.getElementById('page-title')?.textContent ?? 'Shop'} · Carteria shop`;
  if (isNewRoute && !firstPage) document.getElementById('page-title')?.focus();
  else if (focusedId) document.getElementById(focusedId)?.focus();
  for (const link of document.querySelectorAll('header nav a')) {
    const active = link.getAttribute('href') === `#${path}` || (path === '/' && link.getAttribute('href') === '#/');
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function updateBadge() {
  const count = store.count;
  badge.textContent = String(count);
  cartLink.setAttribute('aria-label', `Cart, ${count} ${count === 1 ? 'item' : 'items'}`);
  document.body.dataset['cartVersion'] = String(store.cart?.version ?? 0);
}

store.addEventListener('change', () => {
  updateBadge();
  if (location.hash.startsWith('#/cart')) void render(false);
});
addEventListener('hashchange', () => void render(true));

updateBadge();
void render(false);
store.start().catch(() => context.alert('The shop cannot reach the server right now. Please try again in a moment.'));
