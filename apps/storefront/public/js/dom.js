/**
 * Builds an element: h('a', { href: '#/cart', class: 'link' }, 'Cart'). Text is set as text,
 * never parsed as HTML, so product names cannot inject markup.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | boolean | EventListener | undefined>} [attributes]
 *   `on<event>` functions become listeners; `true` sets a boolean attribute; false/undefined skip it
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

/**
 * A coloured tile with the product's initials, standing in for a photo.
 * @param {{ id: string, name: string }} product
 * @param {'small' | 'large'} [size]
 */
export function productTile(product, size = 'small') {
  const initials = product.name
    .split(/[\s,]+/)
    .filter((word) => /^[A-Za-z]/.test(word))
    .slice(0, 2)
    .map((word) => word[0])
    .join('');
  const tile = h('div', { class: `tile tile-${size}`, 'aria-hidden': 'true' }, initials);
  let hash = 0;
  for (const char of product.id) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  tile.style.setProperty('--hue', String(hash));
  return tile;
}
