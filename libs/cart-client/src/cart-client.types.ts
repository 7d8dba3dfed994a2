import type { components } from './generated/cart-api.types.ts';

type Schemas = components['schemas'];

/** Ids are UUID strings (the document may leave them untyped: transformed zod schemas have no output type). */
interface Identified {
  readonly id: string;
  readonly ownerId: string | null;
}

export type Money = Schemas['Money'];
export type CartItem = Schemas['CartItem'];
/** A cart; `version` is its ETag, the value to send as If-Match. */
export type Cart = Omit<Schemas['Cart'], keyof Identified> & Identified;
/** A new cart; a guest cart (made without a bearer token) carries its secret `cartToken` this once. */
export type CreatedCart = Cart & { readonly cartToken?: string };
export type CartPage = Omit<Schemas['CartPage'], 'items'> & { readonly items: Cart[] };
export type Checkout = Omit<Schemas['Checkout'], 'cartId' | 'ownerId'> & { readonly cartId: string; readonly ownerId: string | null };
export type CartEvent = Schemas['CartEvent'];
export type CartEventPage = Schemas['CartEventPage'];

/** One change to a cart's lines, as data, so that `update` can retry it or let a merge rewrite it. */
export type CartEdit =
  | { readonly kind: 'add'; readonly productId: string; readonly quantity: number }
  | { readonly kind: 'set'; readonly productId: string; readonly quantity: number }
  | { readonly kind: 'remove'; readonly productId: string }
  | { readonly kind: 'empty' };

/** For changes: the version you saw (sent as If-Match: a stale one gets 412 and changes nothing). */
export interface WriteOptions {
  readonly ifMatch?: number;
  readonly signal?: AbortSignal;
}

/** For POSTs: a key of your own (kept across restarts, say); by default the SDK makes one per call. */
export interface PostOptions extends WriteOptions {
  readonly idempotencyKey?: string;
}

export interface PageOptions {
  readonly limit?: number;
  readonly cursor?: string;
  readonly signal?: AbortSignal;
}
