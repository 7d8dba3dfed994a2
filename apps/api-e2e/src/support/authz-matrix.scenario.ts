import { ApiClient, customerWithCart, newCustomer, parseJson, type Customer } from './api-client.ts';
import type { CartBody } from './api.types.ts';
import { sellableIds } from './catalog.data.ts';
import type { Backend } from './e2e-environment.ts';
import { cartTokenHeader, newGuest, type Guest } from './guest-carts.ts';

/** The columns of the authorization matrix, in order. */
export const CALLERS = ['anonymous', 'guest', 'wrongGuest', 'owner', 'otherCustomer', 'carts:read', 'carts:checkout', 'carts:admin'] as const;
export type Caller = (typeof CALLERS)[number];

/** What each column sends. */
export const CALLER_LEGEND: Readonly<Record<Caller, string>> = {
  anonymous: 'no credential at all',
  guest: 'the Cart-Token of the guest cart it names',
  wrongGuest: 'the Cart-Token of another guest cart',
  owner: "the bearer token of the owner's cart",
  otherCustomer: 'the bearer token of another customer (no scope)',
  'carts:read': 'a bearer token with scope carts:read (another user)',
  'carts:checkout': 'a bearer token with scope carts:checkout (another user)',
  'carts:admin': 'a bearer token with scope carts:admin (another user)',
};

const scopedCallers: readonly Caller[] = ['carts:read', 'carts:checkout', 'carts:admin'];

/** Real products of the embedded catalog: `line` is on every cart a case makes; `other` is added. */
export const [lineProduct, otherProduct] = sellableIds(2) as [string, string];

/** One request of the matrix; `watch` lists the carts a refusal must leave exactly as they were. */
export interface MatrixRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly watch: readonly string[];
}

export interface MatrixAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

type Lazy<T> = () => Promise<T>;

function once<T>(make: () => Promise<T>): Lazy<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/**
 * The fresh state of one case, made on first use: a customer's cart with one line, a guest cart with
 * one line, another guest cart (whose token is the wrong one), and a guest cart to merge.
 */
export class Scenario {
  readonly backend: Backend;
  readonly #admin: ApiClient;
  readonly owner: Lazy<Customer & { readonly cart: CartBody }>;
  readonly guest: Lazy<Guest>;
  readonly wrongGuest: Lazy<Guest>;
  /** A guest cart with a line of `otherProduct`, the source of a merge. */
  readonly mergeSource: Lazy<Guest>;

  constructor(backend: Backend, admin: ApiClient) {
    this.backend = backend;
    this.#admin = admin;
    this.owner = once(async () => {
      const owner = await customerWithCart(backend);
      const added = await owner.client.addItem(owner.cart.id, lineProduct, 2);
      if (added.status !== 200) throw new Error(`adding a line to the owner's cart failed: ${added.status} ${added.text}`);
      return { ...owner, cart: added.body };
    });
    this.guest = once(() => newGuest(backend, { lines: [[lineProduct, 2]] }));
    this.wrongGuest = once(() => newGuest(backend));
    this.mergeSource = once(() => newGuest(backend, { lines: [[otherProduct, 1]] }));
  }

  /** The credential headers of a column (a new user for another customer and the scoped tokens). */
  async credentials(caller: Caller): Promise<Record<string, string>> {
    if (caller === 'anonymous') return {};
    if (caller === 'guest') return cartTokenHeader((await this.guest()).cartToken);
    if (caller === 'wrongGuest') return cartTokenHeader((await this.wrongGuest()).cartToken);
    if (caller === 'owner') return bearer((await this.owner()).token);
    const scopes = scopedCallers.includes(caller) ? [caller] : [];
    return bearer((await newCustomer(this.backend, { scopes })).token);
  }

  /** The cart a column names: the guest cart for the Cart-Token columns, the owner's cart otherwise. */
  async subject(caller: Caller): Promise<CartBody> {
    const id = caller === 'guest' || caller === 'wrongGuest' ? (await this.guest()).cart.id : (await this.owner()).cart.id;
    return this.read(id);
  }

  /** The cart as an admin reads it now (every cart a case watches must still be there). */
  async read(cartId: string): Promise<CartBody> {
    const read = await this.#admin.getCart(cartId);
    if (read.status !== 200) throw new Error(`reading cart ${cartId} as carts:admin answered ${read.status} ${read.text}`);
    return read.body;
  }
}

/**
 * Sends one request with nothing but the given headers. An event stream is read up to its first
 * chunk and then cut off (it would stay open); the contract check is left to the caller.
 */
export async function send(backend: Backend, request: MatrixRequest): Promise<MatrixAnswer> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.json !== undefined) headers['content-type'] = 'application/json';
  const aborter = new AbortController();
  const response = await fetch(`${backend.baseUrl}${request.path}`, {
    method: request.method,
    headers,
    signal: aborter.signal,
    ...(request.json === undefined ? {} : { body: JSON.stringify(request.json) }),
  });
  let text: string;
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    const reader = response.body?.getReader();
    const first = reader ? await reader.read() : undefined;
    text = first?.value ? new TextDecoder().decode(first.value) : '';
    await reader?.cancel().catch(() => undefined);
    aborter.abort();
  } else {
    text = await response.text();
  }
  return { status: response.status, headers: response.headers, text, body: parseJson(text) };
}
