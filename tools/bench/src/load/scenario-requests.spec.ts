import { cartId, ownerId } from './cart-ids.ts';
import { scenarioRequests } from './scenario-requests.ts';

const carts = { prefix: 1, count: 2, products: ['sku-001', 'sku-002'] };

describe('scenarioRequests', () => {
  it("reads the carts in turn, each with its owner's token", () => {
    const next = scenarioRequests('get', carts, ['T1', 'T2'], 'run');
    const paths = [next(), next(), next()].map((request) => request.path);
    expect(paths).toEqual([`/v1/carts/${cartId(1, 1)}`, `/v1/carts/${cartId(1, 2)}`, `/v1/carts/${cartId(1, 1)}`]);
    expect(next().headers['authorization']).toBe('Bearer T2');
  });

  it('adds to every (cart, line) pair in turn, each add with its own Idempotency-Key', () => {
    const next = scenarioRequests('add', carts, ['T1', 'T2'], 'run');
    const adds = Array.from({ length: 4 }, () => next());
    expect(adds.map((request) => [request.path, JSON.parse(request.body ?? '{}').productId])).toEqual([
      [`/v1/carts/${cartId(1, 1)}/items`, 'sku-001'],
      [`/v1/carts/${cartId(1, 2)}/items`, 'sku-001'],
      [`/v1/carts/${cartId(1, 1)}/items`, 'sku-002'],
      [`/v1/carts/${cartId(1, 2)}/items`, 'sku-002'],
    ]);
    expect(new Set(adds.map((request) => request.headers['idempotency-key'])).size).toBe(4);
  });

  it('toggles each line between 2 and 1, so every quantity change changes something', () => {
    const next = scenarioRequests('set', carts, ['T1', 'T2'], 'run');
    const quantities = Array.from({ length: 8 }, () => JSON.parse(next().body ?? '{}').quantity);
    expect(quantities).toEqual([2, 2, 2, 2, 1, 1, 1, 1]);
  });

  it('mixes 3 reads with an add and a quantity change', () => {
    const next = scenarioRequests('mix', carts, ['T1', 'T2'], 'run');
    expect(Array.from({ length: 10 }, () => next().method)).toEqual(['GET', 'POST', 'GET', 'PUT', 'GET', 'GET', 'POST', 'GET', 'PUT', 'GET']);
  });

  it('makes cart and owner ids the api accepts, a shopper per cart', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(cartId(0x7f000000, 1_000_000)).toMatch(uuid);
    expect(ownerId(0x164, 7)).toMatch(uuid);
    expect(ownerId(1, 1)).not.toBe(ownerId(1, 2));
  });
});
