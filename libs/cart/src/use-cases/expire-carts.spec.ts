import { principalOf } from '@carteria/kernel';
import { fixedClock } from '@carteria/testing';
import { createCartTestKit } from './cart-test-kit.ts';
import { CreateCart } from './create-cart.ts';
import { ExpireCarts } from './expire-carts.ts';

describe('ExpireCarts', () => {
  it('deletes carts idle past their lifetime, in batches, each with a cart.expired event', async () => {
    const kit = createCartTestKit();
    const clock = fixedClock('2026-01-01T00:00:00.000Z');
    const create = new CreateCart({ ...kit.deps, clock });
    const old = [(await create.execute({ principal: kit.alice })).cart, (await create.execute({ principal: kit.bob })).cart];
    clock.advance(20 * 24 * 3600_000);
    const { cart: recent } = await create.execute({ principal: principalOf(kit.alice.subject) });
    clock.advance(11 * 24 * 3600_000);

    const expire = new ExpireCarts(kit.carts, clock, { activeDays: 30, guestDays: 7, checkedOutDays: 90 });
    expect(await expire.execute(1)).toBe(1);
    expect(await expire.execute(10)).toBe(1);
    expect(await expire.execute(10)).toBe(0);
    for (const cart of old) {
      expect(await kit.carts.findById(cart.id)).toBeNull();
      expect(kit.carts.eventsOf(cart.id).at(-1)).toMatchObject({ type: 'cart.expired', sequence: 2 });
    }
    expect(await kit.carts.findById(recent.id)).not.toBeNull();
  });
});
