import { AddItem } from './add-item.ts';
import { newCart, createCartTestKit } from './cart-test-kit.ts';
import { SetItemQuantity } from './set-item-quantity.ts';

describe('SetItemQuantity', () => {
  it('creates a missing line, sets an absolute quantity, and removes the line at 0', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    const setQuantity = new SetItemQuantity(kit.deps);
    const command = { principal: kit.alice, cartId: id, productId: 'a' };
    expect((await setQuantity.execute({ ...command, quantity: 3 })).lines).toMatchObject([{ quantity: 3 }]);
    expect((await setQuantity.execute({ ...command, quantity: 5 })).lines).toMatchObject([{ quantity: 5 }]);
    expect((await setQuantity.execute({ ...command, quantity: 0 })).lines).toEqual([]);
  });

  it('refuses more than the per-line limit and keeps the line as it was', async () => {
    const kit = createCartTestKit({ maxQuantityPerLine: 5 });
    const { id } = await newCart(kit.deps, kit.alice);
    await new AddItem(kit.deps).execute({ principal: kit.alice, cartId: id, productId: 'a', quantity: 2 });
    await expect(
      new SetItemQuantity(kit.deps).execute({ principal: kit.alice, cartId: id, productId: 'a', quantity: 6 }),
    ).rejects.toThrow(expect.objectContaining({ code: 'QUANTITY_LIMIT_EXCEEDED' }));
    expect(await kit.carts.findById(id)).toMatchObject({ version: 2, lines: [{ quantity: 2 }] });
  });
});
