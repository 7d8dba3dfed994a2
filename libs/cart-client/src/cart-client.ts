import createClient, { type Client } from 'openapi-fetch';
import { cartApiErrorOf } from './cart-api.errors.ts';
import type {
  Cart,
  CartEdit,
  CartEventPage,
  CartPage,
  Checkout,
  CreatedCart,
  PageOptions,
  PostOptions,
  WriteOptions,
} from './cart-client.types.ts';
import { credentialsMiddleware, type TokenSource } from './cart-credentials.ts';
import { updateCart, type CartChange, type UpdateOptions } from './cart-update.ts';
import type { paths } from './generated/cart-api.types.ts';
import { defaultRetryPolicy, retryingFetch, type FetchFunction, type RetryPolicy } from './retrying-fetch.ts';

export interface CartClientOptions {
  /** Where the API is, e.g. `https://carts.example.com` (no trailing `/v1`). */
  readonly baseUrl: string;
  /** The caller's bearer token; leave it out for a guest (cart tokens then do the work). */
  readonly token?: TokenSource;
  /** Defaults to the global fetch. */
  readonly fetch?: FetchFunction;
  /** Guest cart tokens the caller kept (cart id → token), e.g. from localStorage. */
  readonly cartTokens?: Readonly<Record<string, string>>;
  /** Retries of requests that are safe to repeat; `{ attempts: 1 }` turns them off. */
  readonly retry?: Partial<RetryPolicy>;
}

export interface CartClient {
  /** A cart for the caller; without a bearer token a guest cart, whose token the client keeps. */
  createCart(options?: { readonly currency?: string } & Omit<PostOptions, 'ifMatch'>): Promise<CreatedCart>;
  getCart(cartId: string, options?: { readonly signal?: AbortSignal }): Promise<Cart>;
  /** The cart, or null when it is still at `knownVersion` (If-None-Match, 304). */
  getCartIfChanged(cartId: string, knownVersion: number, options?: { readonly signal?: AbortSignal }): Promise<Cart | null>;
  listUserCarts(userId: string, options?: PageOptions): Promise<CartPage>;
  addItem(cartId: string, line: { readonly productId: string; readonly quantity: number }, options?: PostOptions): Promise<Cart>;
  /** 0 removes the line; a missing line is created. */
  setItemQuantity(cartId: string, productId: string, quantity: number, options?: WriteOptions): Promise<Cart>;
  removeItem(cartId: string, productId: string, options?: WriteOptions): Promise<Cart>;
  emptyCart(cartId: string, options?: WriteOptions): Promise<Cart>;
  deleteCart(cartId: string, options?: WriteOptions): Promise<void>;
  /** Freezes the cart at the version the shopper confirmed; a CartChangedError when prices or stock moved. */
  checkOut(cartId: string, options: PostOptions & { readonly ifMatch: number }): Promise<Checkout>;
  /** Makes a guest cart the caller's (needs a bearer token and the cart's token, held or given). */
  claimCart(cartId: string, options?: PostOptions & { readonly cartToken?: string }): Promise<Cart>;
  /** Moves a guest cart's lines into `cartId` and deletes the guest cart. */
  mergeCarts(cartId: string, sourceCartId: string, options?: PostOptions & { readonly sourceCartToken?: string }): Promise<Cart>;
  listCartEvents(cartId: string, options?: PageOptions): Promise<CartEventPage>;
  /** One edit, as data (what `update` sends). */
  apply(cartId: string, edit: CartEdit, options?: WriteOptions): Promise<Cart>;
  /**
   * Reads the cart, makes the edit `change` returns with If-Match, and on 412 reads again and asks
   * `merge` what to do against the fresh cart; at most `maxAttempts` tries.
   */
  update(cartId: string, change: CartChange, options?: UpdateOptions): Promise<Cart>;
  /** The guest cart token this client holds for a cart (to keep it, e.g. in localStorage). */
  cartTokenOf(cartId: string): string | undefined;
  rememberCartToken(cartId: string, cartToken: string): void;
  /** The typed openapi-fetch client underneath, with the same credentials and retries. */
  readonly raw: Client<paths>;
}

interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** Success data, or the typed CartApiError for the problem. */
function ok<T>({ data, error, response }: Answer<unknown>): T {
  if (!response.ok) throw cartApiErrorOf(response, error);
  // The document is the contract: data has the declared shape (ids aside, see cart-client.types.ts).
  return data as T;
}

const etag = (version: number | undefined): string | undefined => (version === undefined ? undefined : `"${version}"`);

export function createCartClient(options: CartClientOptions): CartClient {
  const cartTokens = new Map(Object.entries(options.cartTokens ?? {}));
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const raw = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: retryingFetch(send, { ...defaultRetryPolicy, ...options.retry }),
  });
  raw.use(credentialsMiddleware(options.token, cartTokens));

  const writeHeaders = (options: PostOptions = {}) => ({
    'if-match': etag(options.ifMatch),
    'idempotency-key': options.idempotencyKey,
  });

  const client: CartClient = {
    async createCart({ currency, idempotencyKey, signal } = {}) {
      const answer = await raw.POST('/v1/carts', {
        params: { header: { 'idempotency-key': idempotencyKey } },
        body: currency === undefined ? {} : { currency },
        signal,
      });
      const cart = ok<CreatedCart>(answer);
      if (cart.cartToken) cartTokens.set(cart.id, cart.cartToken);
      return cart;
    },

    async getCart(cartId, { signal } = {}) {
      return ok(await raw.GET('/v1/carts/{cartId}', { params: { path: { cartId } }, signal }));
    },

    async getCartIfChanged(cartId, knownVersion, { signal } = {}) {
      const answer = await raw.GET('/v1/carts/{cartId}', {
        params: { path: { cartId }, header: { 'if-none-match': etag(knownVersion) } },
        signal,
      });
      return answer.response.status === 304 ? null : ok<Cart>(answer);
    },

    async listUserCarts(userId, { limit, cursor, signal } = {}) {
      return ok(await raw.GET('/v1/users/{userId}/carts', { params: { path: { userId }, query: { limit, cursor } }, signal }));
    },

    async addItem(cartId, { productId, quantity }, options = {}) {
      const params = { path: { cartId }, header: writeHeaders(options) };
      return ok(await raw.POST('/v1/carts/{cartId}/items', { params, body: { productId, quantity }, signal: options.signal }));
    },

    async setItemQuantity(cartId, productId, quantity, options = {}) {
      const params = { path: { cartId, productId }, header: writeHeaders(options) };
      return ok(await raw.PUT('/v1/carts/{cartId}/items/{productId}', { params, body: { quantity }, signal: options.signal }));
    },

    async removeItem(cartId, productId, options = {}) {
      const params = { path: { cartId, productId }, header: writeHeaders(options) };
      return ok(await raw.DELETE('/v1/carts/{cartId}/items/{productId}', { params, signal: options.signal }));
    },

    async emptyCart(cartId, options = {}) {
      const params = { path: { cartId }, header: writeHeaders(options) };
      return ok(await raw.DELETE('/v1/carts/{cartId}/items', { params, signal: options.signal }));
    },

    async deleteCart(cartId, options = {}) {
      const params = { path: { cartId }, header: writeHeaders(options) };
      ok(await raw.DELETE('/v1/carts/{cartId}', { params, signal: options.signal }));
      cartTokens.delete(cartId);
    },

    async checkOut(cartId, options) {
      const params = { path: { cartId }, header: writeHeaders(options) };
      return ok(await raw.POST('/v1/carts/{cartId}/checkout', { params, signal: options.signal }));
    },

    async claimCart(cartId, options = {}) {
      const cartToken = options.cartToken ?? cartTokens.get(cartId);
      const params = { path: { cartId }, header: writeHeaders(options) };
      const headers = cartToken ? { 'Cart-Token': cartToken } : {};
      const cart = ok<Cart>(await raw.POST('/v1/carts/{cartId}/claim', { params, headers, signal: options.signal }));
      cartTokens.delete(cartId);
      return cart;
    },

    async mergeCarts(cartId, sourceCartId, options = {}) {
      const sourceToken = options.sourceCartToken ?? cartTokens.get(sourceCartId);
      const params = { path: { cartId }, header: writeHeaders(options) };
      // The Cart-Token proves the caller holds the guest cart being merged in, not the target.
      const headers = sourceToken ? { 'Cart-Token': sourceToken } : {};
      const cart = ok<Cart>(
        await raw.POST('/v1/carts/{cartId}/merge', { params, headers, body: { sourceCartId }, signal: options.signal }),
      );
      cartTokens.delete(sourceCartId);
      return cart;
    },

    async listCartEvents(cartId, { limit, cursor, signal } = {}) {
      return ok(await raw.GET('/v1/carts/{cartId}/events', { params: { path: { cartId }, query: { limit, cursor } }, signal }));
    },

    apply(cartId, edit, options) {
      switch (edit.kind) {
        case 'add':
          return client.addItem(cartId, edit, options);
        case 'set':
          return client.setItemQuantity(cartId, edit.productId, edit.quantity, options);
        case 'remove':
          return client.removeItem(cartId, edit.productId, options);
        case 'empty':
          return client.emptyCart(cartId, options);
      }
    },

    update(cartId, change, options) {
      return updateCart(client, cartId, change, options);
    },

    cartTokenOf: (cartId) => cartTokens.get(cartId),
    rememberCartToken: (cartId, cartToken) => void cartTokens.set(cartId, cartToken),
    raw,
  };
  return client;
}
