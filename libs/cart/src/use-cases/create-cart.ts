import { createHash, randomBytes } from 'node:crypto';
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

export interface CreatedCart {
  readonly cart: CartSnapshot;
  /** A guest cart's secret token, given this once; only its hash is stored. */
  readonly cartToken?: string;
}

/**
 * Opens an empty cart under a new UUIDv7 id: owned by the signed-in caller, or, for a caller with
 * no sign-in, a guest cart opened by the secret token returned once.
 */
export class CreateCart {
  readonly #deps: CartDependencies;

  constructor(deps: CartDependencies) {
    this.#deps = deps;
  }

  async execute(command: CreateCartCommand): Promise<CreatedCart> {
    const ownerId = command.principal.subject;
    if (ownerId !== null && !(await this.#deps.policy.decide(command.principal, 'cart.create', ownerId))) {
      throw new AccessDeniedError('You may not create carts.');
    }
    const cartToken = ownerId === null ? randomBytes(32).toString('base64url') : undefined;
    const now = this.#deps.clock.now();
    const cart = Cart.create({
      id: newId(),
      ownerId,
      ...(cartToken ? { guestKey: cartKeyOf(cartToken) } : {}),
      currency: command.currency ?? this.#deps.settings.defaultCurrency,
      now,
    });
    await this.#deps.carts.insert(cart, cartEvent('cart.created', cart, now, { currency: cart.currency }));
    return { cart, ...(cartToken ? { cartToken } : {}) };
  }
}

/** The key a cart token opens: its SHA-256, so a leaked database does not leak usable tokens. */
export function cartKeyOf(cartToken: string): string {
  return createHash('sha256').update(cartToken).digest('hex');
}
