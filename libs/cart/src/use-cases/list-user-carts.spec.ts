import { newCart, createCartTestKit } from './cart-test-kit.ts';
import { CreateCart } from './create-cart.ts';
import { ListUserCarts } from './list-user-carts.ts';

describe('ListUserCarts', () => {
  it('pages through a user’s carts newest first, and only theirs', async () => {
    const kit = createCartTestKit();
    const create = new CreateCart(kit.deps);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create.execute({ principal: kit.alice })).cart.id);
    await create.execute({ principal: kit.bob });
    const list = new ListUserCarts(kit.deps);

    const first = await list.execute({ principal: kit.alice, ownerId: kit.alice.subject, limit: 2 });
    expect(first.items.map((cart) => cart.id)).toEqual([ids[4], ids[3]]);
    const second = await list.execute({ principal: kit.alice, ownerId: kit.alice.subject, limit: 2, after: first.next! });
    expect(second.items.map((cart) => cart.id)).toEqual([ids[2], ids[1]]);
    const last = await list.execute({ principal: kit.alice, ownerId: kit.alice.subject, limit: 2, after: second.next! });
    expect(last.items.map((cart) => cart.id)).toEqual([ids[0]]);
    expect(last.next).toBeNull();
  });

  it('lets carts:read list anyone’s carts and refuses other callers', async () => {
    const kit = createCartTestKit();
    await newCart(kit.deps, kit.alice);
    const list = new ListUserCarts(kit.deps);
    const query = { ownerId: kit.alice.subject, limit: 20 };
    await expect(list.execute({ ...query, principal: kit.reader })).resolves.toMatchObject({ items: [expect.anything()] });
    await expect(list.execute({ ...query, principal: kit.bob })).rejects.toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('gives an empty page to a user with no carts', async () => {
    const kit = createCartTestKit();
    const page = await new ListUserCarts(kit.deps).execute({ principal: kit.bob, ownerId: kit.bob.subject, limit: 20 });
    expect(page).toEqual({ items: [], next: null });
  });
});
