import { CART_EVENT_TYPES, isCartEventType } from './cart-event.types.ts';
import { CART_EVENT_SOURCE, formatSequence, parseSequence, toCloudEvent } from './cloud-event.ts';

const cartId = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11';
const row = {
  cartId,
  sequence: 7,
  id: '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a12',
  type: 'cart.item_added',
  occurredAt: new Date('2026-11-21T10:05:00.123Z'),
  data: { cartId, ownerId: null, version: 7, productId: 'sku-42', quantity: 1, lineQuantity: 1, unitPrice: { amount: 1250, currency: 'EUR' } },
};

describe('toCloudEvent', () => {
  it('maps an outbox row to a CloudEvents 1.0 JSON document', () => {
    expect(toCloudEvent(row)).toEqual({
      specversion: '1.0',
      id: row.id,
      source: CART_EVENT_SOURCE,
      type: 'cart.item_added',
      subject: cartId,
      time: '2026-11-21T10:05:00.123Z',
      datacontenttype: 'application/json',
      sequence: '0000000007',
      data: row.data,
    });
    expect(CART_EVENT_SOURCE).toBe('/carteria/carts');
  });

  it('survives a JSON round trip unchanged', () => {
    const event = toCloudEvent(row);
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });
});

describe('the sequence attribute', () => {
  it('is the version zero-padded, so that string order is numeric order', () => {
    const versions = [1, 2, 9, 10, 11, 99, 100, 12_345, 2_147_483_647];
    const strings = versions.map(formatSequence);
    expect(strings[0]).toBe('0000000001');
    expect(strings.at(-1)).toBe('2147483647');
    expect([...strings].sort()).toEqual(strings);
    expect(strings.map(parseSequence)).toEqual(versions);
  });

  it('refuses what is not a cart version', () => {
    for (const bad of [-1, 1.5, 2_147_483_648, Number.NaN]) expect(() => formatSequence(bad)).toThrow(RangeError);
    for (const bad of ['', '7a', '-1', '12345678901']) expect(() => parseSequence(bad)).toThrow(RangeError);
  });
});

describe('CART_EVENT_TYPES', () => {
  it('names the eleven changes', () => {
    expect(CART_EVENT_TYPES).toHaveLength(11);
    expect(isCartEventType('cart.merged')).toBe(true);
    expect(isCartEventType('cart.renamed')).toBe(false);
  });
});
