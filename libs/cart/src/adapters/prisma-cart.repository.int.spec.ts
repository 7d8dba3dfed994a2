import { Transactions } from '@carteria/db';
import { money, newId, principalOf } from '@carteria/kernel';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '@carteria/testing';
import { Cart } from '../domain/cart.ts';
import { cartEvent } from '../domain/cart-event.ts';
import { defaultCartSettings } from '../domain/cart-settings.ts';
import type { CartSnapshot } from '../domain/cart-snapshot.ts';
import { AddItem } from '../use-cases/add-item.ts';
import type { CartDependencies } from '../use-cases/cart-dependencies.ts';
import { ownerPolicy } from '../use-cases/cart-test-kit.ts';
import { InMemoryProducts } from './in-memory-products.ts';
import { PrismaCartRepository } from './prisma-cart.repository.ts';

const engines = postgresAvailable() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
const alice = principalOf('0193a0c4-6b1e-7c2a-9f00-000000000a11');
const t0 = new Date('2026-11-21T10:00:00.000Z');
const t1 = new Date('2026-11-21T10:05:00.000Z');
const offer = { name: 'Espresso cup', imageUrl: '/img/cup.svg', unitPrice: money(1250, 'EUR'), stock: 7 };

describe.each(engines)('PrismaCartRepository on %s', (engine) => {
  let db: TestDatabase;
  let carts: PrismaCartRepository;

  beforeAll(async () => {
    db = await createTestDatabase({ engine });
    carts = new PrismaCartRepository(new Transactions(db.database.prisma));
  });
  afterAll(() => db.dispose());

  async function storedCart(ownerId: string | null = alice.subject): Promise<CartSnapshot> {
    const cart = Cart.create({ id: newId(), ownerId, currency: 'EUR', now: t0 });
    await carts.insert(cart, cartEvent('cart.created', cart, t0));
    return cart;
  }

  function dependencies(): CartDependencies {
    const products = new InMemoryProducts();
    return { carts, policy: ownerPolicy, catalog: products, prices: products, clock: { now: () => t1 }, settings: defaultCartSettings };
  }

  it('keeps a new price and stock on a changed line and the first price it was added at', async () => {
    const cart = await storedCart();
    await change(cart.id, (c) => c.addItem('a', 1, t0, offer));
    const dearer = { ...offer, name: 'Espresso cup (large)', unitPrice: money(1500, 'EUR'), stock: 0 };
    await change(cart.id, (c) => c.setItemQuantity('a', 3, t1, dearer));
    expect((await carts.findById(cart.id))?.lines[0]).toMatchObject({
      quantity: 3,
      name: 'Espresso cup (large)',
      unitPrice: money(1500, 'EUR'),
      addedUnitPrice: money(1250, 'EUR'),
      stock: 0,
    });
  });

  function change(cartId: string, apply: (cart: Cart) => Cart): Promise<CartSnapshot | null> {
    return carts.update(cartId, async (current) => {
      const cart = apply(Cart.restore(current, defaultCartSettings)).snapshot();
      return { cart, event: cart.version === current.version ? null : cartEvent('cart.emptied', cart, t1) };
    });
  }

  it('stores a cart and reads it back exactly', async () => {
    const cart = await storedCart();
    expect(await carts.findById(cart.id)).toEqual(cart);
    expect(await carts.findById(newId())).toBeNull();
  });

  it('saves added, changed and removed lines, in insertion order, with the version raised once', async () => {
    const cart = await storedCart();
    await change(cart.id, (c) => c.addItem('zeta', 1, t0, offer).addItem('alpha', 2, t0, offer).addItem('mid', 3, t0, offer));
    await change(cart.id, (c) => c.addItem('zeta', 9, t1, offer).removeItem('alpha', t1));
    const stored = await carts.findById(cart.id);
    expect(stored?.version).toBe(3);
    expect(stored?.lines).toEqual([
      { productId: 'zeta', quantity: 10, position: 1, ...offer, addedUnitPrice: offer.unitPrice, addedAt: t0, updatedAt: t1 },
      { productId: 'mid', quantity: 3, position: 3, ...offer, addedUnitPrice: offer.unitPrice, addedAt: t0, updatedAt: t0 },
    ]);
  });

  it('empties a cart and keeps it', async () => {
    const cart = await storedCart();
    await change(cart.id, (c) => c.addItem('a', 1, t0, offer).addItem('b', 1, t0, offer));
    await change(cart.id, (c) => c.empty(t1));
    expect(await carts.findById(cart.id)).toMatchObject({ version: 3, lines: [], updatedAt: t1 });
  });

  it('writes nothing, event included, when the decision changes nothing or throws', async () => {
    const cart = await storedCart();
    await change(cart.id, (c) => c.empty(t1));
    await expect(change(cart.id, (c) => c.removeItem('missing', t1))).rejects.toThrow();
    expect(await carts.findById(cart.id)).toEqual(cart);
    expect(await eventsOf(cart.id)).toEqual([{ sequence: 1, type: 'cart.created' }]);
  });

  it('writes each change with its event, numbered by the version, and keeps them after a delete', async () => {
    const cart = await storedCart();
    await change(cart.id, (c) => c.addItem('a', 1, t0, offer));
    await carts.remove(cart.id, async (current) => cartEvent('cart.deleted', { ...current, version: current.version + 1 }, t1));
    expect(await eventsOf(cart.id)).toEqual([
      { sequence: 1, type: 'cart.created' },
      { sequence: 2, type: 'cart.emptied' },
      { sequence: 3, type: 'cart.deleted' },
    ]);
  });

  async function eventsOf(cartId: string) {
    return db.database.prisma.cartEvent.findMany({
      where: { cartId },
      orderBy: { sequence: 'asc' },
      select: { sequence: true, type: true },
    });
  }

  it('answers null or false for a cart that is not there', async () => {
    expect(await change(newId(), (c) => c.addItem('a', 1, t0, offer))).toBeNull();
    expect(await carts.remove(newId(), async (current) => cartEvent('cart.deleted', current, t1))).toBe(false);
  });

  it('removes a cart with its lines once the check passes', async () => {
    const cart = await storedCart();
    await change(cart.id, (c) => c.addItem('a', 1, t0, offer));
    await expect(carts.remove(cart.id, async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await carts.findById(cart.id)).not.toBeNull();
    expect(await carts.remove(cart.id, async (current) => cartEvent('cart.deleted', { ...current, version: 3 }, t1))).toBe(true);
    expect(await carts.findById(cart.id)).toBeNull();
    expect(await db.database.prisma.cartLine.count({ where: { cartId: cart.id } })).toBe(0);
  });

  it("lists an owner's carts newest first, with their lines, one page at a time", async () => {
    const owner = newId();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const cart = await storedCart(owner);
      await change(cart.id, (c) => c.addItem(`p${i}`, i + 1, t0, offer));
      ids.push(cart.id);
    }
    const first = await carts.listByOwner(owner, { limit: 3 });
    expect(first.map((cart) => cart.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(first[0]?.lines).toMatchObject([{ productId: 'p3', quantity: 4 }]);
    const rest = await carts.listByOwner(owner, { limit: 3, beforeId: ids[1]! });
    expect(rest.map((cart) => cart.id)).toEqual([ids[0]]);
  });

  it('loses and doubles nothing when 50 adds race on one cart', async () => {
    const cart = await storedCart();
    const addItem = new AddItem(dependencies());
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        addItem.execute({ principal: alice, cartId: cart.id, productId: i % 2 ? 'odd' : 'even', quantity: 3 }),
      ),
    );
    const stored = await carts.findById(cart.id);
    expect(stored?.version).toBe(51);
    expect(stored?.lines.map((line) => [line.productId, line.quantity]).sort()).toEqual([
      ['even', 75],
      ['odd', 75],
    ]);
    console.log(`${engine}: 50 concurrent adds in ${Math.round(performance.now() - started)} ms`);
  });

  it('keeps the 100-line limit when 120 adds of new products race', async () => {
    const cart = await storedCart();
    const addItem = new AddItem(dependencies());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 120 }, (_, i) => addItem.execute({ principal: alice, cartId: cart.id, productId: `p${i}`, quantity: 1 })),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(100);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual(
      Array(20).fill(expect.objectContaining({ reason: expect.objectContaining({ code: 'LINE_LIMIT_EXCEEDED' }) })),
    );
    const stored = await carts.findById(cart.id);
    expect(stored?.lines).toHaveLength(100);
    expect(new Set(stored?.lines.map((line) => line.position)).size).toBe(100);
    expect(await db.database.prisma.cartEvent.count({ where: { cartId: cart.id } })).toBe(101);
  });

  it('expires idle carts once each, even with sweepers racing, recording cart.expired', async () => {
    const owner = newId();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await storedCart(owner)).id);
    const cutoffs = { active: new Date('2026-11-22T00:00:00.000Z'), guest: t0, checkedOut: t0 };
    const expiredEvent = (cart: CartSnapshot) => cartEvent('cart.expired', { ...cart, version: cart.version + 1 }, t1);
    const removed = await Promise.all([1, 2, 3].map(() => carts.removeExpired(cutoffs, 5, expiredEvent)));
    const more = await carts.removeExpired(cutoffs, 50, expiredEvent);
    expect(removed.reduce((sum, n) => sum + n, 0) + more).toBeGreaterThanOrEqual(12);
    for (const id of ids) {
      expect(await carts.findById(id)).toBeNull();
      expect(await eventsOf(id)).toEqual([
        { sequence: 1, type: 'cart.created' },
        { sequence: 2, type: 'cart.expired' },
      ]);
    }
  });

  it('merges two locked carts once, even when merges race, recording both events', async () => {
    const target = await storedCart();
    const source = Cart.create({ id: newId(), ownerId: null, guestKey: 'f'.repeat(64), currency: 'EUR', now: t0 });
    await carts.insert(source, cartEvent('cart.created', source, t0));
    expect(await carts.findById(source.id)).toMatchObject({ ownerId: null, guestKey: 'f'.repeat(64) });
    await change(source.id, (c) => c.addItem('a', 2, t0, offer));
    const merge = () =>
      carts.merge(target.id, source.id, async (lockedTarget, lockedSource) => {
        const cart = Cart.restore(lockedTarget, defaultCartSettings);
        cart.mergeFrom(lockedSource, t1);
        const next = cart.snapshot();
        return {
          target: { cart: next, event: cartEvent('cart.merged', next, t1) },
          sourceEvent: cartEvent('cart.deleted', { ...lockedSource, version: lockedSource.version + 1 }, t1),
        };
      });
    const results = await Promise.all([merge(), merge(), merge()]);
    expect(results.filter((result) => result !== null)).toHaveLength(1);
    expect((await carts.findById(target.id))?.lines).toMatchObject([{ productId: 'a', quantity: 2 }]);
    expect(await carts.findById(source.id)).toBeNull();
    expect((await eventsOf(source.id)).at(-1)).toEqual({ sequence: 3, type: 'cart.deleted' });
  });
});
