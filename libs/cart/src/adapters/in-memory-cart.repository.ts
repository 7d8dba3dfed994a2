import type { CartEvent } from '../domain/cart-event.ts';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartChange, CartMerge, CartPageRequest, CartRepository, ExpiryCutoffs } from '../ports/cart.repository.ts';

/**
 * Keeps carts in a Map, for unit tests of the use cases. Changes to one cart run one after the
 * other, as they do under the database's row lock, so concurrency tests mean the same here.
 */
export class InMemoryCartRepository implements CartRepository {
  readonly #carts = new Map<string, CartSnapshot>();
  readonly #queues = new Map<string, Promise<unknown>>();
  readonly #events: CartEvent[] = [];

  /** The events recorded for a cart, oldest first. */
  eventsOf(cartId: string): CartEvent[] {
    return this.#events.filter((event) => event.cartId === cartId);
  }

  async insert(cart: CartSnapshot, event: CartEvent): Promise<void> {
    if (this.#carts.has(cart.id)) throw new Error(`Cart ${cart.id} already exists.`);
    this.#carts.set(cart.id, cart);
    this.#events.push(event);
  }

  async findById(cartId: string): Promise<CartSnapshot | null> {
    return this.#carts.get(cartId) ?? null;
  }

  async listByOwner(ownerId: string, page: CartPageRequest): Promise<CartSnapshot[]> {
    return [...this.#carts.values()]
      .filter((cart) => cart.ownerId === ownerId && (page.beforeId === undefined || cart.id < page.beforeId))
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, page.limit);
  }

  update(cartId: string, decide: (current: CartSnapshot) => Promise<CartChange>): Promise<CartSnapshot | null> {
    return this.#serialized(cartId, async () => {
      const current = this.#carts.get(cartId);
      if (!current) return null;
      const { cart, event } = await decide(current);
      this.#carts.set(cartId, cart);
      if (event) this.#events.push(event);
      return cart;
    });
  }

  remove(cartId: string, decide: (current: CartSnapshot) => Promise<CartEvent>): Promise<boolean> {
    return this.#serialized(cartId, async () => {
      const current = this.#carts.get(cartId);
      if (!current) return false;
      this.#events.push(await decide(current));
      return this.#carts.delete(cartId);
    });
  }

  merge(
    targetId: string,
    sourceId: string,
    decide: (target: CartSnapshot, source: CartSnapshot) => Promise<CartMerge>,
  ): Promise<CartSnapshot | null> {
    const [first, second] = [targetId, sourceId].sort() as [string, string];
    return this.#serialized(first, () =>
      this.#serialized(second, async () => {
        const target = this.#carts.get(targetId);
        const source = this.#carts.get(sourceId);
        if (!target || !source) return null;
        const { target: change, sourceEvent } = await decide(target, source);
        this.#carts.set(targetId, change.cart);
        this.#carts.delete(sourceId);
        if (change.event) this.#events.push(change.event);
        this.#events.push(sourceEvent);
        return change.cart;
      }),
    );
  }

  async removeExpired(cutoffs: ExpiryCutoffs, limit: number, eventOf: (cart: CartSnapshot) => CartEvent): Promise<number> {
    const expired = [...this.#carts.values()].filter((cart) => cart.updatedAt < cutoffOf(cart, cutoffs)).slice(0, limit);
    for (const cart of expired) {
      this.#carts.delete(cart.id);
      this.#events.push(eventOf(cart));
    }
    return expired.length;
  }

  #serialized<T>(cartId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(cartId) ?? Promise.resolve();
    const result = previous.then(work, work);
    this.#queues.set(cartId, result.catch(() => undefined));
    return result;
  }
}

function cutoffOf(cart: CartSnapshot, cutoffs: ExpiryCutoffs): Date {
  if (cart.status === 'checked_out') return cutoffs.checkedOut;
  return cart.ownerId === null ? cutoffs.guest : cutoffs.active;
}
