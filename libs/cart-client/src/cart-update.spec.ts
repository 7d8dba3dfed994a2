import { randomUUID } from 'node:crypto';
import { apiUnderTest, sellableIds, signToken } from '../test/api-under-test.ts';
import { CartVersionMismatchError } from './cart-api.errors.ts';
import { createCartClient, type CartClient } from './cart-client.ts';
import type { Cart, CartEdit } from './cart-client.types.ts';
import type { MergeConflict } from './cart-update.ts';

const [p1, p2] = sellableIds(2) as [string, string];
const quantityOf = (cart: Cart, productId: string) => cart.items.find((item) => item.productId === productId)?.quantity ?? 0;

/** Two clients of one customer: the shopper's tab, and another tab writing at the same time. */
async function twoTabs(): Promise<{ tab: CartClient; other: CartClient; cartId: string }> {
  const token = await signToken(randomUUID());
  const tab = createCartClient({ baseUrl: apiUnderTest().baseUrl, token });
  const other = createCartClient({ baseUrl: apiUnderTest().baseUrl, token });
  const cart = await tab.createCart();
  return { tab, other, cartId: cart.id };
}

describe('update: read, change with If-Match, and on 412 merge with the fresh cart', () => {
  it('retries through the merge after another writer got in between the read and the write', async () => {
    const { tab, other, cartId } = await twoTabs();
    await tab.addItem(cartId, { productId: p1, quantity: 1 });
    const conflicts: MergeConflict[] = [];
    let raced = false;

    const updated = await tab.update(
      cartId,
      async (cart) => {
        if (!raced) {
          raced = true;
          await other.addItem(cartId, { productId: p2, quantity: 5 }); // lands after our read
        }
        return { kind: 'set', productId: p1, quantity: quantityOf(cart, p1) + 1 };
      },
      {
        merge: (conflict) => {
          conflicts.push(conflict);
          return { kind: 'set', productId: p1, quantity: quantityOf(conflict.latest, p1) + 1 };
        },
      },
    );

    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts as [MergeConflict];
    expect(conflict.latest.version).toBe(conflict.seen.version + 1);
    expect(quantityOf(conflict.latest, p2)).toBe(5);
    expect(conflict.attempted).toEqual({ kind: 'set', productId: p1, quantity: 2 });
    expect(quantityOf(updated, p1)).toBe(2);
    expect(quantityOf(updated, p2)).toBe(5);
    expect(updated.version).toBe(conflict.latest.version + 1);
  });

  it('loses no increment when several clients raise one line at once (absolute PUTs, If-Match, merge)', async () => {
    const { tab, cartId } = await twoTabs();
    const token = await signToken((await tab.getCart(cartId)).ownerId ?? '');
    const writers = Array.from({ length: 4 }, () => createCartClient({ baseUrl: apiUnderTest().baseUrl, token }));
    let merges = 0;
    const increment = (cart: Cart): CartEdit => ({ kind: 'set', productId: p1, quantity: quantityOf(cart, p1) + 1 });

    await Promise.all(
      writers.map(async (writer) => {
        for (let i = 0; i < 3; i++) {
          await writer.update(cartId, increment, {
            maxAttempts: 30,
            merge: ({ latest }) => {
              merges += 1;
              return increment(latest);
            },
          });
        }
      }),
    );

    const cart = await tab.getCart(cartId);
    expect(quantityOf(cart, p1)).toBe(12);
    expect(cart.version).toBe(13);
    expect(merges).toBeGreaterThan(0);
    process.stdout.write(`cart-client: 12 concurrent increments by 4 clients needed ${merges} merges after 412\n`);
  });

  it('gives up after maxAttempts when the cart keeps moving, with the 412 as a typed error', async () => {
    const { tab, other, cartId } = await twoTabs();
    let writes = 0;

    const raceThenAdd = async (): Promise<CartEdit> => {
      await other.addItem(cartId, { productId: p2, quantity: 1 }); // moves the cart between our read and our write
      writes += 1;
      return { kind: 'add', productId: p1, quantity: 1 };
    };

    const attempt = tab.update(cartId, raceThenAdd, { maxAttempts: 3, merge: raceThenAdd });

    await expect(attempt).rejects.toBeInstanceOf(CartVersionMismatchError);
    await expect(attempt).rejects.toMatchObject({ status: 412, code: 'CART_VERSION_MISMATCH' });
    expect(writes).toBe(3);
    expect(quantityOf(await tab.getCart(cartId), p1)).toBe(0);
  });

  it('stops when the merge returns null, rethrowing the 412', async () => {
    const { tab, other, cartId } = await twoTabs();
    const attempt = tab.update(
      cartId,
      async () => {
        await other.addItem(cartId, { productId: p2, quantity: 1 });
        return { kind: 'add', productId: p1, quantity: 1 };
      },
      { merge: () => null },
    );
    await expect(attempt).rejects.toBeInstanceOf(CartVersionMismatchError);
  });
});
