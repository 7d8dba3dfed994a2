import type { Principal } from '@carteria/kernel';
import { Cart } from '../domain/cart.ts';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import { cartEvent, type CartEventType } from '../domain/cart-event.ts';
import { CartNotFoundError } from '../domain/cart.errors.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { ensureCartAccess } from './cart-guard.ts';

/** Who changes which cart, and the version they saw (`If-Match`), if they sent one. */
export interface CartChangeCommand {
  readonly principal: Principal;
  readonly cartId: string;
  readonly expectedVersion?: number;
}

/**
 * Checks, without a lock, that the change could succeed (the cart exists, the caller may change it,
 * the version matches, it is active), so a doomed request never waits on Products or Billing.
 * Everything is checked again under the lock by changeCart.
 */
export async function cartToChange(deps: CartDependencies, command: CartChangeCommand): Promise<CartSnapshot> {
  const current = await deps.carts.findById(command.cartId);
  if (!current) throw new CartNotFoundError(command.cartId);
  await ensureCartAccess(deps.policy, command.principal, 'cart.change', current);
  Cart.restore(current, deps.settings).expectVersion(command.expectedVersion).expectActive();
  return current;
}

/** How a change is told to Analytics: its event type and what it did, given the cart before and after. */
export type DescribeChange = (
  before: CartSnapshot,
  after: CartSnapshot,
) => { readonly type: CartEventType; readonly details: Readonly<Record<string, unknown>> };

/** The one path every line change takes: lock, authorize, check the version, apply the rule, save with its event. */
export async function changeCart(
  deps: CartDependencies,
  command: CartChangeCommand,
  apply: (cart: Cart, now: Date) => Cart,
  describe: DescribeChange,
): Promise<CartSnapshot> {
  const saved = await deps.carts.update(command.cartId, async (current) => {
    await ensureCartAccess(deps.policy, command.principal, 'cart.change', current);
    const now = deps.clock.now();
    const cart = apply(Cart.restore(current, deps.settings).expectVersion(command.expectedVersion), now).snapshot();
    if (cart.version === current.version) return { cart, event: null };
    const { type, details } = describe(current, cart);
    return { cart, event: cartEvent(type, cart, now, details) };
  });
  if (!saved) throw new CartNotFoundError(command.cartId);
  return saved;
}
