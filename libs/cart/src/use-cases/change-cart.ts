import type { Principal } from '@carteria/kernel';
import { Cart } from '../domain/cart.ts';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import { cartEvent, type CartEventType } from '../domain/cart-event.ts';
import { CartNotFoundError } from '../domain/cart.errors.ts';
import type { CartDependencies } from './cart-dependencies.ts';
import { ensureCartAccess } from './cart-guard.ts';
import type { CartAction } from '../ports/cart-access-policy.ts';

/** Who changes which cart, and the version they saw (`If-Match`), if they sent one. */
export interface CartChangeCommand {
  readonly principal: Principal;
  readonly cartId: string;
  readonly expectedVersion?: number;
}

/**
 * Checks, without a lock, that the change could succeed (the cart exists, the caller may do it, the
 * version matches, it is active), so a doomed request never waits on another service. Access is
 * decided here, once: the policy may be a remote service, and nothing leaves the process while a
 * cart is locked. Under the lock, `expectSameOwner` confirms the decision still applies.
 */
export async function cartToChange(
  deps: CartDependencies,
  command: CartChangeCommand,
  action: Extract<CartAction, 'cart.change' | 'cart.delete'> = 'cart.change',
): Promise<CartSnapshot> {
  const current = await deps.carts.findById(command.cartId);
  if (!current) throw new CartNotFoundError(command.cartId);
  await ensureCartAccess(deps.policy, command.principal, action, current);
  const cart = Cart.restore(current, deps.settings).expectVersion(command.expectedVersion);
  if (action === 'cart.change') cart.expectActive();
  return current;
}

/** The access decision depends only on the caller, the action and the owner: it holds while the owner is the same. */
export function expectSameOwner(locked: CartSnapshot, seen: CartSnapshot): void {
  if (locked.ownerId !== seen.ownerId) throw new CartNotFoundError(locked.id);
}

/** How a change is told to Analytics: its event type and what it did, given the cart before and after. */
export type DescribeChange = (
  before: CartSnapshot,
  after: CartSnapshot,
) => { readonly type: CartEventType; readonly details: Readonly<Record<string, unknown>> };

/**
 * The one path every line change takes: authorize (unlocked, see cartToChange), lock, check the
 * version, apply the rule, save with its event. `seen` is the caller's own cartToChange, if it
 * already made one.
 */
export async function changeCart(
  deps: CartDependencies,
  command: CartChangeCommand,
  apply: (cart: Cart, now: Date) => Cart,
  describe: DescribeChange,
  seen?: CartSnapshot,
): Promise<CartSnapshot> {
  const authorized = seen ?? (await cartToChange(deps, command));
  const saved = await deps.carts.update(command.cartId, async (current) => {
    expectSameOwner(current, authorized);
    const now = deps.clock.now();
    const cart = apply(Cart.restore(current, deps.settings).expectVersion(command.expectedVersion), now).snapshot();
    if (cart.version === current.version) return { cart, event: null };
    const { type, details } = describe(current, cart);
    return { cart, event: cartEvent(type, cart, now, details) };
  });
  if (!saved) throw new CartNotFoundError(command.cartId);
  return saved;
}
