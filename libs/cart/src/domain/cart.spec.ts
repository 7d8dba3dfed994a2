import { money, ValidationError } from '@carteria/kernel';
import { Cart } from './cart.ts';
import type { CartSnapshot } from './cart-snapshot.ts';
import { defaultCartSettings } from './cart-settings.ts';

const t0 = new Date('2026-11-21T10:00:00.000Z');
const t1 = new Date('2026-11-21T10:05:00.000Z');
const limits = { maxQuantityPerLine: 10, maxLinesPerCart: 3 };
const offer = { name: 'Espresso cup', imageUrl: null, unitPrice: money(1250, 'EUR'), stock: 5 };

function newCart(): CartSnapshot {
  return Cart.create({ id: 'cart-1', ownerId: 'user-1', currency: 'EUR', now: t0 });
}

function quantities(snapshot: CartSnapshot): Record<string, number> {
  return Object.fromEntries(snapshot.lines.map((line) => [line.productId, line.quantity]));
}

describe('Cart', () => {
  it('starts active, empty, at version 1', () => {
    expect(newCart()).toMatchObject({ status: 'active', version: 1, lines: [], currency: 'EUR' });
  });

  it('refuses a currency that is not an ISO 4217 code', () => {
    expect(() => Cart.create({ id: 'c', ownerId: null, currency: 'eur', now: t0 })).toThrow(ValidationError);
  });

  it('grows an existing line when the same product is added again (1 then 9 gives 10)', () => {
    const once = Cart.restore(newCart(), limits).addItem('sku-1', 1, t0, offer).snapshot();
    const twice = Cart.restore(once, limits).addItem('sku-1', 9, t1, offer).snapshot();
    expect(twice.lines).toEqual([
      { productId: 'sku-1', quantity: 10, position: 1, ...offer, addedUnitPrice: offer.unitPrice, addedAt: t0, updatedAt: t1 },
    ]);
    expect(twice.version).toBe(3);
  });

  it('keeps lines in the order they were first added', () => {
    const cart = Cart.restore(newCart(), limits)
      .addItem('b', 1, t0, offer)
      .addItem('a', 1, t0, offer)
      .addItem('b', 1, t1, offer)
      .snapshot();
    expect(cart.lines.map((line) => line.productId)).toEqual(['b', 'a']);
    expect(cart.lines.map((line) => line.position)).toEqual([1, 2]);
  });

  it('raises the version by exactly one per change, however many lines it touched', () => {
    const cart = Cart.restore(newCart(), limits).addItem('a', 1, t0, offer).addItem('b', 2, t0, offer).snapshot();
    expect(cart.version).toBe(2);
    expect(cart.updatedAt).toBe(t0);
  });

  it('leaves the version alone when nothing changed', () => {
    const withLine = Cart.restore(newCart(), limits).addItem('a', 2, t0, offer).snapshot();
    const same = Cart.restore(withLine, limits).setItemQuantity('a', 2, t1, offer);
    expect(same.changed).toBe(false);
    expect(same.snapshot()).toBe(withLine);
    expect(Cart.restore(newCart(), limits).empty(t1).changed).toBe(false);
  });

  it('sets an absolute quantity, creates a missing line, and removes a line at 0', () => {
    let cart = Cart.restore(newCart(), limits).setItemQuantity('a', 4, t0, offer).snapshot();
    expect(quantities(cart)).toEqual({ a: 4 });
    cart = Cart.restore(cart, limits).setItemQuantity('a', 7, t1, offer).snapshot();
    expect(quantities(cart)).toEqual({ a: 7 });
    cart = Cart.restore(cart, limits).setItemQuantity('a', 0, t1).snapshot();
    expect(cart.lines).toEqual([]);
    expect(Cart.restore(cart, limits).setItemQuantity('missing', 0, t1).changed).toBe(false);
  });

  it('removes one line and keeps the others', () => {
    const cart = Cart.restore(newCart(), limits).addItem('a', 1, t0, offer).addItem('b', 1, t0, offer).snapshot();
    const after = Cart.restore(cart, limits).removeItem('a', t1).snapshot();
    expect(quantities(after)).toEqual({ b: 1 });
  });

  it('refuses to remove a line that is not there', () => {
    expect(() => Cart.restore(newCart(), limits).removeItem('a', t1)).toThrow(
      expect.objectContaining({ code: 'LINE_NOT_FOUND' }),
    );
  });

  it('empties the cart', () => {
    const cart = Cart.restore(newCart(), limits).addItem('a', 1, t0, offer).addItem('b', 1, t0, offer).snapshot();
    expect(Cart.restore(cart, limits).empty(t1).snapshot().lines).toEqual([]);
  });

  it('holds at most maxQuantityPerLine units on a line', () => {
    const cart = Cart.restore(newCart(), limits).addItem('a', 10, t0, offer).snapshot();
    expect(() => Cart.restore(cart, limits).addItem('a', 1, t1, offer)).toThrow(
      expect.objectContaining({ code: 'QUANTITY_LIMIT_EXCEEDED', message: expect.stringContaining('10') }),
    );
    expect(() => Cart.restore(cart, limits).setItemQuantity('a', 11, t1, offer)).toThrow(
      expect.objectContaining({ code: 'QUANTITY_LIMIT_EXCEEDED' }),
    );
  });

  it('holds at most maxLinesPerCart lines but lets existing lines grow', () => {
    const full = Cart.restore(newCart(), limits).addItem('a', 1, t0, offer).addItem('b', 1, t0, offer).addItem('c', 1, t0, offer).snapshot();
    expect(() => Cart.restore(full, limits).addItem('d', 1, t1, offer)).toThrow(
      expect.objectContaining({ code: 'LINE_LIMIT_EXCEEDED', message: expect.stringContaining('3') }),
    );
    expect(quantities(Cart.restore(full, limits).addItem('a', 1, t1, offer).snapshot())).toMatchObject({ a: 2 });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses to add a quantity of %p', (quantity) => {
    expect(() => Cart.restore(newCart(), limits).addItem('a', quantity, t0, offer)).toThrow(ValidationError);
  });

  it('snapshots the offer on the line and keeps the price it was first added at', () => {
    const added = Cart.restore(newCart(), limits).addItem('a', 1, t0, offer).snapshot();
    const dearer = { ...offer, unitPrice: money(1500, 'EUR'), stock: 2 };
    const line = Cart.restore(added, limits).addItem('a', 1, t1, dearer).snapshot().lines[0];
    expect(line).toMatchObject({ quantity: 2, unitPrice: money(1500, 'EUR'), addedUnitPrice: money(1250, 'EUR'), stock: 2 });
  });

  it('changes the version when only the offer moved, not when nothing did', () => {
    const added = Cart.restore(newCart(), limits).setItemQuantity('a', 2, t0, offer).snapshot();
    expect(Cart.restore(added, limits).setItemQuantity('a', 2, t1, offer).changed).toBe(false);
    expect(Cart.restore(added, limits).setItemQuantity('a', 2, t1, { ...offer, stock: 0 }).changed).toBe(true);
  });

  it('refuses a price in another currency than the cart', () => {
    expect(() => Cart.restore(newCart(), limits).addItem('a', 1, t0, { ...offer, unitPrice: money(1, 'USD') })).toThrow(
      expect.objectContaining({ code: 'CURRENCY_MISMATCH' }),
    );
  });

  it('refuses a stale expected version', () => {
    expect(() => Cart.restore(newCart(), limits).expectVersion(2)).toThrow(
      expect.objectContaining({ code: 'CART_VERSION_MISMATCH' }),
    );
    expect(() => Cart.restore(newCart(), limits).expectVersion(1).expectVersion(undefined)).not.toThrow();
  });

  it('refuses every change once checked out', () => {
    const checkedOut: CartSnapshot = { ...newCart(), status: 'checked_out' };
    const cart = () => Cart.restore(checkedOut, defaultCartSettings);
    for (const change of [
      () => cart().addItem('a', 1, t1, offer),
      () => cart().setItemQuantity('a', 1, t1, offer),
      () => cart().setItemQuantity('a', 0, t1),
      () => cart().removeItem('a', t1),
      () => cart().empty(t1),
    ]) {
      expect(change).toThrow(expect.objectContaining({ code: 'CART_CHECKED_OUT' }));
    }
  });
});
