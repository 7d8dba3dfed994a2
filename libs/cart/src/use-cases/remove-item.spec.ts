import { AddItem } from './add-item.ts';
import { newCart, createCartTestKit } from './cart-test-kit.ts';
import { RemoveItem } from './remove-item.ts';

describe('RemoveItem', () => {
  it('removes one line and keeps the other', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    const addItem = new AddItem(kit.deps);
    await addItem.execute({ principal: kit.alice, cartId: id, productId: 'a', quantity: 1 });
    await addItem.execute({ principal: kit.alice, cartId: id, productId: 'b', quantity: 2 });
    const cart = await new RemoveItem(kit.deps).execute({ principal: kit.alice, cartId: id, productId: 'a' });
    expect(cart.lines).toMatchObject([{ productId: 'b', quantity: 2 }]);
  });

  it('answers LINE_NOT_FOUND for a line that is not there', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    await expect(new RemoveItem(kit.deps).execute({ principal: kit.alice, cartId: id, productId: 'a' })).rejects.toThrow(
      expect.objectContaining({ code: 'LINE_NOT_FOUND' }),
    );
  });
});
