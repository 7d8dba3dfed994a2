import { ApiError, call } from './api.js';
import { openCartStream } from './cart-stream.js';

/**
 * @typedef {import('./api.js').Cart} Cart
 * @typedef {import('./api.js').Checkout} Checkout
 * @typedef {import('./api.js').LineChange} LineChange
 * @typedef {{ id: string, token: string }} CartRef
 * @typedef {{ outcome: 'ordered', checkout: Checkout }
 *   | { outcome: 'changed', changes: LineChange[] }
 *   | { outcome: 'stale' }
 *   | { outcome: 'gone' }} CheckoutResult
 */

/** Where the guest cart's id and secret token live, shared by every tab of the shop. */
export const CART_KEY = 'carteria.cart';

/**
 * The shopper's guest cart: created on the first add, kept in localStorage (so every tab uses the
 * same one), and kept current by the server's event stream. Dispatches `change` whenever `cart`
 * changes, with `detail.remote` true when the change came from elsewhere (another tab, the stream).
 */
export class CartStore extends EventTarget {
  /** @type {Cart | null} */
  cart = null;
  /** @type {CartRef | null} */
  #ref = null;
  /** @type {{ close(): void } | null} */
  #stream = null;
  #storage;

  /** @param {Storage} storage */
  constructor(storage) {
    super();
    this.#storage = storage;
  }

  /** Items in the cart, for the header badge. */
  get count() {
    return this.cart?.totals.quantity ?? 0;
  }

  async start() {
    addEventListener('storage', (event) => {
      if (event.key === CART_KEY && this.#readRef()?.id !== this.#ref?.id) void this.#adopt(this.#readRef(), true);
    });
    await this.#adopt(this.#readRef(), false);
  }

  /**
   * @param {string} productId
   * @param {number} quantity
   */
  async add(productId, quantity) {
    const ref = await this.#ensureCart();
    this.#apply((await call('POST', `/v1/carts/${ref.id}/items`, { body: { productId, quantity }, headers: this.#auth(ref) })).body);
  }

  /**
   * The line's new absolute quantity; 0 removes it.
   * @param {string} productId
   * @param {number} quantity
   */
  async setQuantity(productId, quantity) {
    const ref = this.#requireRef();
    const path = `/v1/carts/${ref.id}/items/${encodeURIComponent(productId)}`;
    this.#apply((await call('PUT', path, { body: { quantity }, headers: this.#auth(ref) })).body);
  }

  /** @param {string} productId */
  async remove(productId) {
    const ref = this.#requireRef();
    this.#apply((await call('DELETE', `/v1/carts/${ref.id}/items/${encodeURIComponent(productId)}`, { headers: this.#auth(ref) })).body);
  }

  /**
   * Checks out exactly the version on screen (If-Match). On success a fresh cart replaces it.
   * @returns {Promise<CheckoutResult>}
   */
  async checkout() {
    const ref = this.#requireRef();
    const version = this.cart?.version ?? 0;
    const headers = { ...this.#auth(ref), 'If-Match': `"${version}"`, 'Idempotency-Key': crypto.randomUUID() };
    try {
      const { body } = await call('POST', `/v1/carts/${ref.id}/checkout`, { headers });
      await this.#replaceWithFreshCart(ref);
      return { outcome: 'ordered', checkout: body };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'CART_CHANGED') {
        await this.reload();
        return { outcome: 'changed', changes: error.problem.changes ?? [] };
      }
      if (error.code === 'CART_VERSION_MISMATCH') {
        await this.reload();
        return { outcome: 'stale' };
      }
      if (error.code === 'CART_CHECKED_OUT' || error.code === 'CART_NOT_FOUND') {
        await this.reload();
        return { outcome: 'gone' };
      }
      throw error;
    }
  }

  /** Reads the cart again; forgets it when it is gone or already ordered. */
  async reload() {
    const ref = this.#ref;
    if (!ref) return;
    try {
      const { body } = await call('GET', `/v1/carts/${ref.id}`, { headers: this.#auth(ref) });
      if (this.#ref?.id !== ref.id) return;
      if (body.status === 'checked_out') {
        // Ordered in another tab: that tab stores the fresh cart, which `storage` brings here.
        this.#forget(ref);
        return;
      }
      this.#apply(body, true);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 401)) this.#forget(ref);
      else throw error;
    }
  }

  /** @param {CartRef} ref */
  async #replaceWithFreshCart(ref) {
    this.#forget(ref);
    await this.#ensureCart();
  }

  /** @returns {Promise<CartRef>} */
  async #ensureCart() {
    if (this.#ref) return this.#ref;
    const { body } = await call('POST', '/v1/carts');
    const ref = { id: body.id, token: body.cartToken };
    this.#storage.setItem(CART_KEY, JSON.stringify(ref));
    await this.#adopt(ref, false, body);
    return ref;
  }

  /**
   * Switches to another cart (or none), follows its events.
   * @param {CartRef | null} ref
   * @param {boolean} remote
   * @param {Cart} [known] the cart as just answered, to save a read
   */
  async #adopt(ref, remote, known) {
    this.#stream?.close();
    this.#stream = null;
    this.#ref = ref;
    this.cart = null;
    if (!ref) {
      this.#changed(remote);
      return;
    }
    if (known) this.#apply(known, remote);
    else await this.reload();
    const cart = this.#current(); // read again: the await above has changed it
    if (this.#ref !== ref || !cart) return;
    this.#stream = openCartStream({
      cartId: ref.id,
      headers: this.#auth(ref),
      after: cart.version,
      onEvent: (event) => {
        if (this.#ref === ref && (!this.cart || event.sequence > this.cart.version)) void this.reload().catch(() => undefined);
      },
      onGone: () => this.#forget(ref),
    });
  }

  /** @param {CartRef} ref */
  #forget(ref) {
    if (this.#ref?.id !== ref.id) return;
    if (this.#readRef()?.id === ref.id) this.#storage.removeItem(CART_KEY);
    void this.#adopt(null, true);
  }

  /**
   * Keeps the newest version: answers and events may arrive out of order.
   * @param {Cart} cart
   * @param {boolean} [remote]
   */
  #apply(cart, remote = false) {
    if (this.cart && this.cart.id === cart.id && cart.version < this.cart.version) return;
    const visible = { ...cart };
    delete visible.cartToken; // the secret stays in storage only
    this.cart = visible;
    this.#changed(remote);
  }

  /** @param {boolean} remote */
  #changed(remote) {
    this.dispatchEvent(new CustomEvent('change', { detail: { remote } }));
  }

  /** @returns {Cart | null} */
  #current() {
    return this.cart;
  }

  /** @returns {CartRef} */
  #requireRef() {
    if (!this.#ref) throw new ApiError({ status: 404, code: 'CART_NOT_FOUND', detail: 'There is no cart yet.' });
    return this.#ref;
  }

  /** @param {CartRef} ref */
  #auth(ref) {
    return { 'Cart-Token': ref.token };
  }

  /** @returns {CartRef | null} */
  #readRef() {
    try {
      const value = JSON.parse(this.#storage.getItem(CART_KEY) ?? 'null');
      return value && typeof value.id === 'string' && typeof value.token === 'string' ? value : null;
    } catch {
      return null;
    }
  }
}
