import { randomUUID } from 'node:crypto';
import type { CartBody, CartPageBody } from './api.types.ts';
import { expectContract } from './contract-check.ts';
import type { Backend } from './e2e-environment.ts';
import { signToken, type TokenOptions } from './tokens.ts';

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  readonly body: T;
  readonly text: string;
}

export interface RequestOptions {
  /** Sent as JSON with `Content-Type: application/json`. */
  readonly json?: unknown;
  /** Sent as is (set the content type yourself in `headers`). */
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

type ExtraHeaders = Readonly<Record<string, string>>;

/**
 * A thin fetch wrapper for one caller (a bearer token, or none) against one started api. Every
 * answer is checked against the api's OpenAPI document (an undeclared status or shape throws).
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly token: string | undefined;

  constructor(baseUrl: string, token?: string) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.token !== undefined) headers['authorization'] = `Bearer ${this.token}`;
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...headers, ...options.headers },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    await expectContract(this.baseUrl, method, path, { status: response.status, headers: response.headers, text });
    return { status: response.status, headers: response.headers, body: parseJson(text) as T, text };
  }

  createCart(body?: { currency?: string }, headers?: ExtraHeaders): Promise<ApiResponse<CartBody>> {
    return this.request('POST', '/v1/carts', { ...(body === undefined ? {} : { json: body }), ...(headers ? { headers } : {}) });
  }

  getCart(cartId: string, headers?: ExtraHeaders): Promise<ApiResponse<CartBody>> {
    return this.request('GET', `/v1/carts/${cartId}`, headers ? { headers } : {});
  }

  deleteCart(cartId: string, headers?: ExtraHeaders): Promise<ApiResponse> {
    return this.request('DELETE', `/v1/carts/${cartId}`, headers ? { headers } : {});
  }

  addItem(cartId: string, productId: string, quantity: unknown, headers?: ExtraHeaders): Promise<ApiResponse<CartBody>> {
    return this.request('POST', `/v1/carts/${cartId}/items`, { json: { productId, quantity }, ...(headers ? { headers } : {}) });
  }

  setQuantity(cartId: string, productId: string, quantity: unknown, headers?: ExtraHeaders): Promise<ApiResponse<CartBody>> {
    return this.request('PUT', `/v1/carts/${cartId}/items/${productId}`, { json: { quantity }, ...(headers ? { headers } : {}) });
  }

  removeItem(cartId: string, productId: string, headers?: ExtraHeaders): Promise<ApiResponse<CartBody>> {
    return this.request('DELETE', `/v1/carts/${cartId}/items/${productId}`, headers ? { headers } : {});
  }

  emptyCart(cartId: string, headers?: ExtraHeaders): Promise<ApiResponse<CartBody>> {
    return this.request('DELETE', `/v1/carts/${cartId}/items`, headers ? { headers } : {});
  }

  listCarts(userId: string, query: Readonly<Record<string, string | number>> = {}): Promise<ApiResponse<CartPageBody>> {
    const search = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)])).toString();
    return this.request('GET', `/v1/users/${userId}/carts${search ? `?${search}` : ''}`);
  }
}

/** A new user with a fresh UUID and a valid token, and a client acting as them. */
export interface Customer {
  readonly userId: string;
  readonly token: string;
  readonly client: ApiClient;
}

export async function newCustomer(backend: Backend, options: TokenOptions = {}): Promise<Customer> {
  const userId = randomUUID();
  const token = await signToken(userId, options);
  return { userId, token, client: new ApiClient(backend.baseUrl, token) };
}

/** A customer who already owns one new cart. */
export async function customerWithCart(
  backend: Backend,
  options: TokenOptions = {},
): Promise<Customer & { readonly cart: CartBody }> {
  const customer = await newCustomer(backend, options);
  const created = await customer.client.createCart();
  if (created.status !== 201) throw new Error(`creating a cart failed: ${created.status} ${created.text}`);
  return { ...customer, cart: created.body };
}

/** The JSON of a body, or undefined when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
