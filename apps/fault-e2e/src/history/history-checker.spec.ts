import { checkHistory } from './history-checker.ts';
import type { CartEventRecord, FinalCart, OperationRecord } from './history.types.ts';

const cartId = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11';
let clock = 0;

function op(fields: Partial<OperationRecord> & Pick<OperationRecord, 'kind' | 'status'>): OperationRecord {
  clock += 1;
  return { client: 0, cartId, startedMs: clock, endedMs: clock + 1, ...fields };
}

const created: CartEventRecord = { sequence: 1, type: 'cart.created', data: {} };
const added = (sequence: number, productId: string, quantity: number, lineQuantity: number): CartEventRecord => ({
  sequence,
  type: 'cart.item_added',
  data: { productId, quantity, lineQuantity },
});

function finalCart(events: CartEventRecord[], lines: FinalCart['lines']): FinalCart {
  return { cartId, version: events.length, lines, events };
}

describe('checkHistory', () => {
  const addA = op({ kind: 'add', productId: 'a', quantity: 2, status: 200, version: 2, lines: [{ productId: 'a', quantity: 2 }] });
  const addA2 = op({ kind: 'add', productId: 'a', quantity: 1, status: 200, version: 3, lines: [{ productId: 'a', quantity: 3 }] });
  const events = [created, added(2, 'a', 2, 2), added(3, 'a', 1, 3)];

  it('accepts a history whose events fold into every answer and the final cart', () => {
    const stale = op({ kind: 'add', productId: 'b', quantity: 1, ifMatch: 1, status: 412, code: 'CART_VERSION_MISMATCH' });
    const noOp = op({ kind: 'set', productId: 'a', quantity: 3, status: 200, version: 3, lines: [{ productId: 'a', quantity: 3 }] });

    const check = checkHistory([addA, addA2, stale, noOp], [finalCart(events, [{ productId: 'a', quantity: 3 }])]);

    expect(check).toEqual({ violations: [], committedWithoutAnswer: 0, noOps: 1 });
  });

  it('finds an acknowledged add that is missing afterwards', () => {
    const check = checkHistory([addA, addA2], [finalCart(events.slice(0, 2), [{ productId: 'a', quantity: 2 }])]);

    expect(check.violations).toEqual([expect.stringContaining('carries version 3, past the final 2')]);
  });

  it('finds an add applied twice (the line holds more than the sum of the adds)', () => {
    const doubled = [created, added(2, 'a', 2, 2), added(3, 'a', 1, 4)];

    const check = checkHistory([addA, addA2], [finalCart(doubled, [{ productId: 'a', quantity: 4 }])]);

    expect(check.violations.join('\n')).toMatch(/line holds 4, the sum of adds is 3/);
  });

  it('finds a refused request (412) that changed the cart', () => {
    const refused = op({ kind: 'add', productId: 'b', quantity: 1, ifMatch: 1, status: 412, code: 'CART_VERSION_MISMATCH' });
    const changed = [...events, added(4, 'b', 1, 1)];

    const check = checkHistory([addA, addA2, refused], [finalCart(changed, [{ productId: 'a', quantity: 3 }, { productId: 'b', quantity: 1 }])]);

    expect(check.violations).toEqual([expect.stringContaining('v4: cart.item_added {"productId":"b","quantity":1,"lineQuantity":1} matches no')]);
  });

  it('accepts a change whose answer was lost (503, no answer) and counts it', () => {
    const lost = op({ kind: 'add', productId: 'b', quantity: 1, status: 503, code: 'DATABASE_UNAVAILABLE' });
    const changed = [...events, added(4, 'b', 1, 1)];

    const check = checkHistory([addA, addA2, lost], [finalCart(changed, [{ productId: 'a', quantity: 3 }, { productId: 'b', quantity: 1 }])]);

    expect(check).toEqual({ violations: [], committedWithoutAnswer: 1, noOps: 0 });
  });

  it('finds an answer whose lines differ from the fold, or list a product twice', () => {
    const wrong = op({
      kind: 'add',
      productId: 'a',
      quantity: 2,
      status: 200,
      version: 2,
      lines: [
        { productId: 'a', quantity: 2 },
        { productId: 'a', quantity: 2 },
      ],
    });

    const check = checkHistory([wrong, addA2], [finalCart(events, [{ productId: 'a', quantity: 3 }])]);

    expect(check.violations.join('\n')).toMatch(/lists a product twice/);
  });

  it('finds a change sent with If-Match that was applied to another version', () => {
    const blind = op({ kind: 'add', productId: 'a', quantity: 1, ifMatch: 1, status: 200, version: 3, lines: [{ productId: 'a', quantity: 3 }] });

    const check = checkHistory([addA, blind], [finalCart(events, [{ productId: 'a', quantity: 3 }])]);

    expect(check.violations).toEqual([expect.stringContaining('If-Match "1" was applied to version 2')]);
  });

  it('finds a gap in the event sequence and a final cart that disagrees with the fold', () => {
    const gapped = [created, added(3, 'a', 2, 2)];

    const check = checkHistory([], [{ cartId, version: 3, lines: [{ productId: 'a', quantity: 5 }], events: gapped }]);

    expect(check.violations.join('\n')).toMatch(/event #2 has sequence 3/);
    expect(check.violations.join('\n')).toMatch(/the final cart \(v3\)/);
  });
});
