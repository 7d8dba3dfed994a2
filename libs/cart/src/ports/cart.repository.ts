import type { CartEvent } from '../domain/cart-event.ts';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';

export interface CartPageRequest {
  readonly limit: number;
  /** Only carts older than this cart id (ids are UUIDv7, so id order is creation order). */
  readonly beforeId?: string;
}

/** Carts last changed before these instants are expired: signed-in, guest (no owner), checked out. */
export interface ExpiryCutoffs {
  readonly active: Date;
  readonly guest: Date;
  readonly checkedOut: Date;
}

/** What a decision on a locked cart comes to: the cart after it, and the event when it changed. */
export interface CartChange {
  readonly cart: CartSnapshot;
  /** Required when `cart.version` moved; null when nothing changed. */
  readonly event: CartEvent | null;
}

/** What merging one cart into another comes to. */
export interface CartMerge {
  /** Unchanged (event null) when the source had nothing to add. */
  readonly target: CartChange;
  readonly sourceEvent: CartEvent;
}

/**
 * Where carts are kept. Reads are one query each. Changes go through `update` and `remove`, which
 * hold the cart against concurrent writers while `decide` runs and persist its outcome, event
 * included, in the same transaction, so a rule checked in `decide` still holds when the write lands
 * and no change is ever stored without its event (the outbox).
 */
export interface CartRepository {
  insert(cart: CartSnapshot, event: CartEvent): Promise<void>;
  findById(cartId: string): Promise<CartSnapshot | null>;
  /** Newest first. */
  listByOwner(ownerId: string, page: CartPageRequest): Promise<CartSnapshot[]>;
  /** Saves the decided change; resolves to the stored cart afterwards, or null when there is no such cart. */
  update(cartId: string, decide: (current: CartSnapshot) => Promise<CartChange>): Promise<CartSnapshot | null>;
  /** Deletes the cart and its lines, recording the event `decide` returns; false when there is no such cart. */
  remove(cartId: string, decide: (current: CartSnapshot) => Promise<CartEvent>): Promise<boolean>;
  /**
   * Locks both carts (in id order, so opposite merges cannot deadlock), saves the target's change and
   * deletes the source with its event, in one transaction. Null when either cart is gone.
   */
  merge(
    targetId: string,
    sourceId: string,
    decide: (target: CartSnapshot, source: CartSnapshot) => Promise<CartMerge>,
  ): Promise<CartSnapshot | null>;
  /**
   * Deletes up to `limit` expired carts, each with the event `eventOf` returns, skipping carts another
   * writer (or another replica's sweeper) holds. Returns how many went.
   */
  removeExpired(cutoffs: ExpiryCutoffs, limit: number, eventOf: (cart: CartSnapshot) => CartEvent): Promise<number>;
}
