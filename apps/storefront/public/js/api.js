/**
 * The few calls the shop makes, with plain fetch (the SDK, @carteria/cart-client, can replace
 * this file). Problems (RFC 9457) become ApiError with the stable `code`.
 */

/**
 * @typedef {import('./money.js').Money} Money
 * @typedef {{ id: string, name: string, imageUrl: string | null, active: boolean, stock: number, unitPrice: Money | null }} Product
 * @typedef {{ items: Product[], nextCursor: string | null }} ProductPage
 * @typedef {object} CartLine
 * @property {string} productId
 * @property {number} quantity
 * @property {string} name
 * @property {Money} unitPrice
 * @property {Money} lineTotal
 * @property {boolean} inStock
 * @property {boolean} moreInStock
 * @property {boolean} [priceChanged]
 * @property {Money} [addedUnitPrice]
 * @typedef {object} Cart
 * @property {string} id
 * @property {'active' | 'checked_out'} status
 * @property {string} currency
 * @property {number} version
 * @property {CartLine[]} items
 * @property {{ lines: number, quantity: number, subtotal: Money }} totals
 * @property {string} [cartToken]
 * @typedef {object} Checkout
 * @property {string} cartId
 * @property {number} version
 * @property {string} checkedOutAt
 * @property {{ productId: string, name: string, quantity: number, unitPrice: Money, lineTotal: Money }[]} lines
 * @property {{ lines: number, quantity: number, subtotal: Money }} totals
 * @property {string} contentHash
 * @typedef {{ productId: string, problem: string, previousUnitPrice?: Money | null, unitPrice?: Money | null }} LineChange
 * @typedef {{ status: number, code: string, title?: string, detail?: string, changes?: LineChange[] }} Problem
 */

export class ApiError extends Error {
  /** @param {Problem} problem */
  constructor(problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
}

/**
 * @param {string} method
 * @param {string} path
 * @param {{ body?: unknown, headers?: Record<string, string>, signal?: AbortSignal }} [options]
 * @returns {Promise<{ status: number, headers: Headers, body: any }>}
 */
export async function call(method, path, options = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json', ...options.headers };
  /** @type {RequestInit} */
  const init = { method, headers, cache: 'no-store' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const response = await fetch(path, init);
  const text = response.status === 204 || response.status === 304 ? '' : await response.text();
  const body = text === '' ? undefined : JSON.parse(text);
  if (response.status >= 400) {
    throw new ApiError(body && typeof body.code === 'string' ? body : { status: response.status, code: 'HTTP_' + response.status });
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * @param {{ limit: number, sort: 'name' | 'price', prefix?: string, cursor?: string }} query
 * @returns {Promise<ProductPage>}
 */
export async function listProducts(query) {
  const params = new URLSearchParams({ limit: String(query.limit), sort: query.sort });
  if (query.prefix) params.set('prefix', query.prefix);
  if (query.cursor) params.set('cursor', query.cursor);
  return (await call('GET', `/v1/products?${params}`)).body;
}

/**
 * @param {string} productId
 * @returns {Promise<Product>}
 */
export async function getProduct(productId) {
  return (await call('GET', `/v1/products/${encodeURIComponent(productId)}`)).body;
}
