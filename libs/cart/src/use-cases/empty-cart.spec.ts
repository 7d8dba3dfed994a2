import { AddItem } from './add-item.ts';
import { newCart, createCartTestKit } from './cart-test-kit.ts';
import { EmptyCart } from './empty-cart.ts';

describe('EmptyCart', () => {
  it('removes every line and keeps the cart', async () => {
    const kit = createCartTestKit();
    const { id } = await newCart(kit.deps, kit.alice);
    const addItem = new AddItem(kit.deps);
    await addItem.execute({ principal: kit.alice, cartId: id, productId: 'a', quantity: 1 });
    await addItem.execute({ principal: kit.alice, cartId: id, productId: 'b', quantity: 1 });
    const cart = await new EmptyCart(kit.deps).execute({ principal: kit.alice, cartId: id });
    expect(cart).toMatchObject({ id, lines: [], version: 4 });
  });

  it('answers CART_NOT_FOUND for an unknown cart', async () => {
    const kit = createCartTestKit();
    await expect(
      new EmptyCart(kit.deps).execute({ principal: kit.alice, cartId: '0193a0c4-0000-7000-8000-000000000000' }),
    ).rejects.toThrow(expect.objectContaining({ code: 'CART_NOT_FOUND' }));
  });
});
