import { CartVersionMismatchError } from './cart-api.errors.ts';
import type { Cart, CartEdit, WriteOptions } from './cart-client.types.ts';

/** What a merge is told after a 412: the edit that lost the race, the cart it was meant for, and the cart as it is now. */
export interface MergeConflict {
  readonly attempted: CartEdit;
  readonly seen: Cart;
  readonly latest: Cart;
  /** 1 after the first 412. */
  readonly attempt: number;
}

/** The edit to make, or a function of the cart read that returns it (null: nothing to do). */
export type CartChange = CartEdit | ((cart: Cart) => CartEdit | null | Promise<CartEdit | null>);

export interface UpdateOptions {
  /**
   * Decides what to send against the fresh cart after a 412: an edit, or null to give up (the
   * CartVersionMismatchError is then thrown). Default: ask `change` again with the fresh cart
   * (for a fixed edit, send it again).
   */
  readonly merge?: (conflict: MergeConflict) => CartEdit | null | Promise<CartEdit | null>;
  /** Tries in all, the first included; default 5. */
  readonly maxAttempts?: number;
  readonly signal?: AbortSignal;
}

/** The two calls `updateCart` needs, so it can be tested and reused apart from the HTTP client. */
export interface CartWriter {
  getCart(cartId: string, options?: { readonly signal?: AbortSignal }): Promise<Cart>;
  apply(cartId: string, edit: CartEdit, options?: WriteOptions): Promise<Cart>;
}

/**
 * Optimistic concurrency as a loop: read, edit with If-Match, and on 412 read again and let the
 * caller merge. Each try is a new request (a new Idempotency-Key too: a stale If-Match is another
 * request, not a retry of the same one).
 */
export async function updateCart(
  writer: CartWriter,
  cartId: string,
  change: CartChange,
  options: UpdateOptions = {},
): Promise<Cart> {
  const { maxAttempts = 5, signal } = options;
  const decide = async (cart: Cart): Promise<CartEdit | null> => (typeof change === 'function' ? change(cart) : change);
  const merge = options.merge ?? (({ latest }: MergeConflict) => decide(latest));
  let seen = await writer.getCart(cartId, { signal });
  let edit = await decide(seen);
  for (let attempt = 1; edit !== null; attempt++) {
    try {
      return await writer.apply(cartId, edit, { ifMatch: seen.version, signal });
    } catch (error) {
      if (!(error instanceof CartVersionMismatchError) || attempt >= maxAttempts) throw error;
      const latest = await writer.getCart(cartId, { signal });
      const next = await merge({ attempted: edit, seen, latest, attempt });
      if (next === null) throw error;
      seen = latest;
      edit = next;
    }
  }
  return seen;
}
