import { cartEvent } from '../domain/cart-event.ts';
import type { CartRepository } from '../ports/cart.repository.ts';
import type { Clock } from '@carteria/kernel';

export interface CartLifetimes {
  /** Signed-in customers' carts not changed for this long go. */
  readonly activeDays: number;
  readonly guestDays: number;
  /** Checked-out carts are kept this long for the Orders service. */
  readonly checkedOutDays: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Deletes carts nobody changed for their lifetime, in small batches, each with a cart.expired
 * event. Safe with several replicas sweeping at once: locked carts are skipped, not waited for.
 */
export class ExpireCarts {
  readonly #carts: CartRepository;
  readonly #clock: Clock;
  readonly #lifetimes: CartLifetimes;

  constructor(carts: CartRepository, clock: Clock, lifetimes: CartLifetimes) {
    this.#carts = carts;
    this.#clock = clock;
    this.#lifetimes = lifetimes;
  }

  /** Expires up to `batch` carts; call again while it returns `batch`. */
  execute(batch = 100): Promise<number> {
    const now = this.#clock.now();
    const before = (days: number) => new Date(now.getTime() - days * dayMs);
    return this.#carts.removeExpired(
      {
        active: before(this.#lifetimes.activeDays),
        guest: before(this.#lifetimes.guestDays),
        checkedOut: before(this.#lifetimes.checkedOutDays),
      },
      batch,
      (cart) => cartEvent('cart.expired', { ...cart, version: cart.version + 1 }, now),
    );
  }
}
