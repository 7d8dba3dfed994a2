import { AccessDeniedError, newId, type Principal } from '@carteria/kernel';
import { Cart } from '../domain/cart.ts';
import { cartEvent } from '../domain/cart-event.ts';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import type { CartDependencies } from './cart-dependencies.ts';

export interface CreateCartCommand {
  readonly principal: Principal;
  /** ISO 4217; the configured default currency when absent. */
  readonly currency?: string;
}

/** Opens an empty cart owned by the caller, under a new UUIDv7 id. */
export class CreateCart {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  async execute(command: CreateCartCommand): Promise<CartSnapshot> {
    const ownerId = command.principal.subject;
    if (!(await this.#deps.policy.decide(command.principal, 'cart.create', ownerId))) {
      throw new AccessDeniedError('You may not create carts.');
    }
    const now = this.#deps.clock.now();
    const cart = Cart.create({
      id: newId(),
      ownerId,
      currency: command.currency ?? this.#deps.settings.defaultCurrency,
      now,
    });
    await this.#deps.carts.insert(cart, cartEvent('cart.created', cart, now, { currency: cart.currency }));
    return cart;
  }
}
