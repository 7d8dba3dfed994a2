import type { CartSnapshot } from '../domain/cart-snapshot.ts';

export interface CartPageRequest {
  readonly limit: number;
  /** Only carts older than this cart id (ids are UUIDv7, so id order is creation order). */
  readonly beforeId?: string;
}

/**
 * Where carts are kept. Reads are one query each. Changes go through `update` and `remove`, which
 * hold the cart against concurrent writers while `decide` runs and persist its outcome in the same
 * transaction, so a rule checked in `decide` still holds when the write lands.
 */
export interface CartRepository {
  insert(cart: CartSnapshot): Promise<void>;
  findById(cartId: string): Promise<CartSnapshot | null>;
  /** Newest first. */
  listByOwner(ownerId: string, page: CartPageRequest): Promise<CartSnapshot[]>;
  /**
   * Saves what `decide` returns when its version differs from the stored one.
   * Resolves to the stored cart afterwards, or null when there is no such cart.
   */
  update(cartId: string, decide: (current: CartSnapshot) => Promise<CartSnapshot>): Promise<CartSnapshot | null>;
  /** Deletes the cart and its lines once `check` has passed; false when there is no such cart. */
  remove(cartId: string, check: (current: CartSnapshot) => Promise<void>): Promise<boolean>;
}
