import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartPageRequest, CartRepository } from '../ports/cart.repository.ts';

/**
 * Keeps carts in a Map, for unit tests of the use cases. Changes to one cart run one after the
 * other, as they do under the database's row lock, so concurrency tests mean the same here.
 */
export class InMemoryCartRepository implements CartRepository {
  readonly #carts = new Map<string, CartSnapshot>();
  readonly #queues = new Map<string, Promise<unknown>>();

  async insert(cart: CartSnapshot): Promise<void> {
    if (this.#carts.has(cart.id)) throw new Error(`Cart ${cart.id} already exists.`);
    this.#carts.set(cart.id, cart);
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

  update(cartId: string, decide: (current: CartSnapshot) => Promise<CartSnapshot>): Promise<CartSnapshot | null> {
    return this.#serialized(cartId, async () => {
      const current = this.#carts.get(cartId);
      if (!current) return null;
      const next = await decide(current);
      this.#carts.set(cartId, next);
      return next;
    });
  }

  remove(cartId: string, check: (current: CartSnapshot) => Promise<void>): Promise<boolean> {
    return this.#serialized(cartId, async () => {
      const current = this.#carts.get(cartId);
      if (!current) return false;
      await check(current);
      return this.#carts.delete(cartId);
    });
  }

  #serialized<T>(cartId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(cartId) ?? Promise.resolve();
    const result = previous.then(work, work);
    this.#queues.set(cartId, result.catch(() => undefined));
    return result;
  }
}
