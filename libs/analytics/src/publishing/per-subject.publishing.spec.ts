import { toCloudEvent } from '../events/cloud-event.ts';
import type { CloudEvent } from '../events/cloud-event.ts';
import { cartEventRecord } from '../testing/sample-cart-events.ts';
import { EventPublishError } from './event-publisher.ts';
import { publishPerSubjectInOrder } from './per-subject.publishing.ts';

const carts = ['0193a0c4-0000-7000-8000-000000000001', '0193a0c4-0000-7000-8000-000000000002', '0193a0c4-0000-7000-8000-000000000003'];

/** `perCart` events for each cart, in (cart, sequence) order as the relay hands them over. */
function batch(perCart: number): CloudEvent[] {
  return carts.flatMap((cartId) =>
    Array.from({ length: perCart }, (_, index) => toCloudEvent(cartEventRecord('cart.emptied', { cartId, sequence: index + 1 }))),
  );
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('publishPerSubjectInOrder', () => {
  it("sends each cart's events one at a time, in order, and carts side by side", async () => {
    const events = batch(4);
    const sent: CloudEvent[] = [];
    let inFlight = 0;
    let most = 0;
    const inFlightPerCart = new Map<string, number>();
    await publishPerSubjectInOrder(events, { maxInFlight: 2 }, async (event) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      inFlightPerCart.set(event.subject, (inFlightPerCart.get(event.subject) ?? 0) + 1);
      expect(inFlightPerCart.get(event.subject)).toBe(1);
      await tick();
      inFlightPerCart.set(event.subject, 0);
      inFlight -= 1;
      sent.push(event);
    });
    expect(sent).toHaveLength(12);
    expect(most).toBe(2);
    for (const cartId of carts) {
      expect(sent.filter((event) => event.subject === cartId).map((event) => event.sequence)).toEqual(
        events.filter((event) => event.subject === cartId).map((event) => event.sequence),
      );
    }
  });

  it('stops at the first failure and names what was acknowledged: per cart a prefix', async () => {
    const events = batch(4);
    const failing = events.find((event) => event.subject === carts[1] && event.sequence === '0000000002')!;
    const error = await publishPerSubjectInOrder(events, { maxInFlight: 3 }, async (event) => {
      await tick();
      if (event === failing) throw new Error('broker said no');
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(EventPublishError);
    const acknowledged = new Set((error as EventPublishError).acknowledged);
    expect(acknowledged.has(failing.id)).toBe(false);
    for (const cartId of carts) {
      const flags = events.filter((event) => event.subject === cartId).map((event) => acknowledged.has(event.id));
      expect(flags).toEqual([...flags].sort().reverse()); // true… then false…
    }
    expect(acknowledged.size).toBeLessThan(events.length);
    expect((error as EventPublishError).message).toMatch(/broker said no/);
  });

  it('starts nothing new once the signal is aborted', async () => {
    const controller = new AbortController();
    const events = batch(3);
    let sent = 0;
    const error = await publishPerSubjectInOrder(events, { maxInFlight: 1, signal: controller.signal }, async () => {
      sent += 1;
      if (sent === 2) controller.abort(new Error('budget spent'));
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EventPublishError);
    expect((error as EventPublishError).acknowledged).toEqual(events.slice(0, 2).map((event) => event.id));
    expect(sent).toBe(2);
  });

  it('does nothing for an empty batch', async () => {
    await expect(publishPerSubjectInOrder([], { maxInFlight: 4 }, () => Promise.reject(new Error('no')))).resolves.toBeUndefined();
  });
});
