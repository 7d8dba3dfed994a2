import { ApiClient, type ApiResponse, type Customer } from './api-client.ts';
import type { CartBody } from './api.types.ts';
import type { Backend } from './e2e-environment.ts';

/** The 201 body of an anonymous `POST /v1/carts`: the cart and, this once, its secret token. */
export interface GuestCartBody extends CartBody {
  readonly cartToken: string;
}

/** A shopper without an account: a client with no bearer token, its cart and the token that opens it. */
export interface Guest {
  readonly client: ApiClient;
  readonly cart: GuestCartBody;
  readonly cartToken: string;
  /** `{ 'cart-token': cartToken }`, for the client's extra headers. */
  readonly headers: Readonly<Record<string, string>>;
}

export const cartTokenShape = /^[A-Za-z0-9_-]{43}$/;

export function cartTokenHeader(cartToken: string): Record<string, string> {
  return { 'cart-token': cartToken };
}

/** A client with no credential at all. */
export function anonymousClient(backend: Backend): ApiClient {
  return new ApiClient(backend.baseUrl);
}

/** Creates a guest cart and, when `lines` are given, adds them with its token (each must answer 200). */
export async function newGuest(
  backend: Backend,
  options: { readonly currency?: string; readonly lines?: readonly (readonly [string, number])[] } = {},
): Promise<Guest> {
  const client = anonymousClient(backend);
  const created = await client.createCart(options.currency === undefined ? undefined : { currency: options.currency });
  if (created.status !== 201) throw new Error(`creating a guest cart failed: ${created.status} ${created.text}`);
  const cart = created.body as GuestCartBody;
  const headers = cartTokenHeader(cart.cartToken);
  for (const [productId, quantity] of options.lines ?? []) {
    const added = await client.addItem(cart.id, productId, quantity, headers);
    if (added.status !== 200) throw new Error(`adding ${productId} to guest cart ${cart.id} failed: ${added.status} ${added.text}`);
  }
  return { client, cart, cartToken: cart.cartToken, headers };
}

/** `POST /v1/carts/{cartId}/claim` as the customer, with the guest cart's token when given. */
export function claimCart(customer: Customer, cartId: string, cartToken?: string): Promise<ApiResponse<CartBody>> {
  return customer.client.request('POST', `/v1/carts/${cartId}/claim`, cartToken === undefined ? {} : { headers: cartTokenHeader(cartToken) });
}

/** `POST /v1/carts/{targetId}/merge` as the customer, with the source guest cart's token when given. */
export function mergeCarts(customer: Customer, targetId: string, sourceCartId: string, cartToken?: string): Promise<ApiResponse<CartBody>> {
  return customer.client.request('POST', `/v1/carts/${targetId}/merge`, {
    json: { sourceCartId },
    ...(cartToken === undefined ? {} : { headers: cartTokenHeader(cartToken) }),
  });
}

/** Product id → quantity, for comparing carts by their lines. */
export function quantities(cart: CartBody): Record<string, number> {
  return Object.fromEntries(cart.items.map((line) => [line.productId, line.quantity]));
}
