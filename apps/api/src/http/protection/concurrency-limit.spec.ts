import { AdaptiveConcurrencyLimit, defaultLimitShape, type ConcurrencyLimitOptions } from './concurrency-limit.ts';

const shape: ConcurrencyLimitOptions = { ...defaultLimitShape, tolerance: 1.5, max: 40 };

class Clock {
  ms = 0;
  readonly now = () => this.ms;
}

/** One window of 40 answers of `route`, each after `latencyMs`, with `concurrent` requests kept in flight as far as the limit lets. */
function window(limit: AdaptiveConcurrencyLimit, clock: Clock, concurrent: number, latencyMs: number, route = 'GET /v1/carts/:cartId'): void {
  for (let i = 0; i < 40; i += 1) {
    while (limit.inFlight < concurrent && limit.tryAcquire());
    clock.ms += shape.windowMs / 40;
    limit.release({ route, latencyMs });
  }
}

/** A limit that has learned its usual: 4 requests in flight, answered in 10 ms. */
function settled(): { limit: AdaptiveConcurrencyLimit; clock: Clock } {
  const clock = new Clock();
  const limit = new AdaptiveConcurrencyLimit(shape, clock.now);
  for (let i = 0; i < 3; i += 1) window(limit, clock, 4, 10);
  return { limit, clock };
}

/** Then one window crowded with 40 requests, each three times slower: 40 / 2 + √40. */
function shrunkOnce(): { limit: AdaptiveConcurrencyLimit; clock: Clock } {
  const { limit, clock } = settled();
  window(limit, clock, 40, 30);
  return { limit, clock };
}

describe('AdaptiveConcurrencyLimit', () => {
  it('starts at its maximum, refuses when every place is taken, and frees a place on release', () => {
    const limit = new AdaptiveConcurrencyLimit({ ...shape, max: 3 });
    expect([limit.tryAcquire(), limit.tryAcquire(), limit.tryAcquire(), limit.tryAcquire()]).toEqual([true, true, true, false]);
    limit.release();
    expect(limit.inFlight).toBe(2);
    expect(limit.tryAcquire()).toBe(true);
  });

  it('when more requests than usual are in flight and slower than usual, scales down by tolerance / median latency ratio, at most halving, plus its square root', () => {
    const { limit, clock } = shrunkOnce();
    expect(limit.limit).toBe(26);
    window(limit, clock, 40, 20); // about 2 times the usual 10 ms: 26.3 * 3/4 + √26.3
    expect(limit.limit).toBe(24);
  });

  it('shrinks nothing when requests are slower but no more of them are in flight than usual (heavier requests, a slower database)', () => {
    const { limit, clock } = settled();
    for (let i = 0; i < 5; i += 1) window(limit, clock, 4, 40);
    expect(limit.limit).toBe(40);
  });

  it('does not shrink below what the usual number in flight needs, however slow the answers', () => {
    const { limit, clock } = settled();
    for (let i = 0; i < 20; i += 1) window(limit, clock, 40, 100);
    expect(limit.limit).toBeGreaterThanOrEqual(4);
    expect(limit.limit).toBeLessThan(16);
  });

  it('grows by its square root per window while answers are quick and the limit is in use, up to its maximum', () => {
    const { limit, clock } = shrunkOnce();
    window(limit, clock, 40, 11);
    expect(limit.limit).toBe(31);
    for (let i = 0; i < 5; i += 1) window(limit, clock, 40, 11);
    expect(limit.limit).toBe(40);
  });

  it('does not grow while fewer than half its places are used', () => {
    const { limit, clock } = shrunkOnce();
    window(limit, clock, 12, 10); // begins with the 25 left in flight
    const before = limit.limit;
    for (let i = 0; i < 5; i += 1) window(limit, clock, 12, 10);
    expect(limit.limit).toBe(before);
  });

  it('compares each route with its own usual latency, so a slow route is no sign of queueing', () => {
    const clock = new Clock();
    const limit = new AdaptiveConcurrencyLimit(shape, clock.now);
    const both = (concurrent: number) => {
      window(limit, clock, concurrent, 5, 'GET /v1/carts/:cartId');
      window(limit, clock, concurrent, 50, 'POST /v1/carts/:cartId/items');
    };
    for (let i = 0; i < 3; i += 1) both(4);
    for (let i = 0; i < 3; i += 1) both(20);
    expect(limit.limit).toBe(40);
  });

  it('takes a lasting change for the usual over a minute, so it ends by admitting as before', () => {
    const { limit, clock } = shrunkOnce();
    clock.ms += shape.followHigherMs;
    for (let i = 0; i < 15; i += 1) window(limit, clock, 40, 30);
    expect(limit.limit).toBe(40);
  });

  it('follows quicker answers within seconds, so a slow start does not hide queueing later', () => {
    const clock = new Clock();
    const limit = new AdaptiveConcurrencyLimit(shape, clock.now);
    window(limit, clock, 4, 50); // first answers, while the code warms up
    for (let i = 0; i < 100; i += 1) window(limit, clock, 4, 5); // 10 s of quick answers
    window(limit, clock, 40, 20); // crowded, 4 times the usual: shrinks
    expect(limit.limit).toBeLessThan(40);
  });

  it('ignores abandoned requests when judging', () => {
    const clock = new Clock();
    const limit = new AdaptiveConcurrencyLimit(shape, clock.now);
    window(limit, clock, 40, 10);
    for (let i = 0; i < 40; i += 1) limit.tryAcquire();
    clock.ms += 1_000;
    for (let i = 0; i < 40; i += 1) limit.release();
    expect([limit.limit, limit.inFlight]).toEqual([40, 0]);
  });

  it('at twice the capacity of a simulated server, keeps the admitted latency near the unloaded one and the server busy', () => {
    // A processor-sharing server whose requests need 1 ms of CPU (shared by those in flight), then
    // wait 4 ms on their database: capacity 1,000 requests/s, unloaded latency 5 ms. Offered: 100
    // requests/s for a second, then 2,000 requests/s, evenly spaced, for 9 s.
    const clock = new Clock();
    const limit = new AdaptiveConcurrencyLimit({ ...defaultLimitShape, max: 64 }, clock.now);
    const [cpuMs, ioMs, stepMs] = [1, 4, 0.05];
    const running: { admittedAt: number; cpuLeft: number; ioLeft: number }[] = [];
    const latencies: number[] = [];
    let [offered, refused, nextArrival] = [0, 0, 0];
    for (let step = 0; step < 10_000 / stepMs; step += 1) {
      clock.ms = step * stepMs;
      for (; nextArrival <= clock.ms; nextArrival += clock.ms < 1_000 ? 10 : 0.5) {
        offered += 1;
        if (limit.tryAcquire()) running.push({ admittedAt: clock.ms, cpuLeft: cpuMs, ioLeft: ioMs });
        else refused += 1;
      }
      const onCpu = running.filter((request) => request.cpuLeft > 0).length;
      for (const request of running) {
        if (request.cpuLeft > 0) request.cpuLeft -= stepMs / onCpu;
        else request.ioLeft -= stepMs;
      }
      for (const done of running.filter((request) => request.ioLeft <= 0)) {
        running.splice(running.indexOf(done), 1);
        const latencyMs = clock.ms - done.admittedAt;
        limit.release({ route: 'GET /v1/carts/:cartId', latencyMs });
        if (clock.ms > 2_000) latencies.push(latencyMs);
      }
    }
    latencies.sort((a, b) => a - b);
    const goodput = latencies.length / 8; // per second, over the last 8 s
    const p50 = latencies[Math.floor(latencies.length / 2)] ?? Infinity;
    expect(goodput).toBeGreaterThan(0.95 * 1_000);
    // Held near tolerance × unloaded; 64 requests in flight (no adaptation) would take about 64 ms.
    expect(p50).toBeLessThan(2.5 * (cpuMs + ioMs));
    expect(refused / offered).toBeGreaterThan(0.45);
  });
});
