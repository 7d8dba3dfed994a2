import { clientsUnderTest } from './client-under-test.ts';
import { DependencyUnavailableError } from './dependency-client.errors.ts';
import { sendJson } from './loopback.server.ts';
import type { LoopbackHandler } from './loopback.server.ts';

const { serve, clientFor } = clientsUnderTest({ dependency: 'billing' });

const anything = (body: unknown) => body;
const hang: LoopbackHandler = () => undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed<T>(call: Promise<T>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error: unknown = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return { error, ms: performance.now() - started };
}

describe('DependencyClient under a slow dependency', () => {
  it('gives up on a hung dependency in under a second with the defaults', async () => {
    const server = await serve(hang);
    const { client, metrics } = clientFor(server.url);

    const { error, ms } = await timed(client.getJson('quote', '/prices', { currency: 'EUR' }, anything));

    console.log(`hung dependency -> DependencyUnavailableError after ${ms.toFixed(0)} ms (3 attempts of 300 ms + jittered backoff)`);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as DependencyUnavailableError).reason).toBe('quote: timed out');
    // Three attempts reached the server (the retries happened); the whole call stayed under a second.
    expect(ms).toBeLessThan(1100);
    expect(server.requests).toHaveLength(3);
    expect(metrics.outcomes()).toEqual(['timeout']);
    expect(metrics.calls[0]!.durationSeconds).toBeCloseTo(ms / 1000, 1);
  });

  it('gives up on a hung non-idempotent POST after one timeout', async () => {
    const server = await serve(hang);
    const { client, metrics } = clientFor(server.url);

    const { error, ms } = await timed(client.postJson('reserve', '/reservations', {}, anything));

    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(ms).toBeLessThan(450);
    expect(server.requests).toHaveLength(1);
    expect(metrics.outcomes()).toEqual(['timeout']);
  });

  it('accepts an answer that comes within the timeout', async () => {
    const server = await serve((_request, response) => setTimeout(() => sendJson(response, 200, { ok: true }), 100));
    const { client } = clientFor(server.url);

    await expect(client.getJson('quote', '/prices', {}, anything)).resolves.toEqual({ ok: true });
  });
});

describe('DependencyClient circuit breaker', () => {
  const breaker = { breakerThreshold: 3, breakerHalfOpenAfterMs: 200, retries: 0 };

  it('opens after N failures, fails fast, half-opens after the wait and closes on a success', async () => {
    const server = await serve((_request, response, index) =>
      index < 3 ? sendJson(response, 500, {}) : sendJson(response, 200, { ok: true }),
    );
    const { client, metrics } = clientFor(server.url, breaker);

    for (let i = 0; i < 3; i += 1) {
      await expect(client.getJson('quote', '/prices', {}, anything)).rejects.toBeInstanceOf(DependencyUnavailableError);
    }
    expect(client.breakerState()).toBe('open');

    const { error, ms } = await timed(client.getJson('quote', '/prices', {}, anything));
    expect((error as DependencyUnavailableError).reason).toContain('circuit breaker is open');
    expect(ms).toBeLessThan(50);
    expect(server.requests).toHaveLength(3);

    await sleep(250);
    await expect(client.getJson('quote', '/prices', {}, anything)).resolves.toEqual({ ok: true });
    expect(client.breakerState()).toBe('closed');
    expect(server.requests).toHaveLength(4);

    expect(metrics.outcomes()).toEqual(['error', 'error', 'error', 'circuit_open', 'success']);
    expect(metrics.states('billing')).toEqual(['closed', 'open', 'half_open', 'closed']);
  });

  it('opens again when the trial call fails', async () => {
    const server = await serve((_request, response) => sendJson(response, 500, {}));
    const { client, metrics } = clientFor(server.url, breaker);

    for (let i = 0; i < 3; i += 1) {
      await expect(client.getJson('quote', '/prices', {}, anything)).rejects.toThrow(DependencyUnavailableError);
    }
    await sleep(250);
    await expect(client.getJson('quote', '/prices', {}, anything)).rejects.toMatchObject({ reason: expect.stringContaining('answered HTTP 500') });

    expect(client.breakerState()).toBe('open');
    expect(server.requests).toHaveLength(4);
    expect(metrics.states()).toEqual(['closed', 'open', 'half_open', 'open']);
  });

  it('counts each failed attempt of a retried call, and stops retrying once it opens', async () => {
    const server = await serve((_request, response) => sendJson(response, 500, {}));
    const { client, metrics } = clientFor(server.url, { breakerThreshold: 2, retries: 2 });

    await expect(client.getJson('quote', '/prices', {}, anything)).rejects.toMatchObject({ reason: expect.stringContaining('circuit breaker is open') });
    expect(server.requests).toHaveLength(2);
    expect(metrics.outcomes()).toEqual(['circuit_open']);
  });

  it('tells callers to come back when the breaker will let a call through', async () => {
    const server = await serve((_request, response) => sendJson(response, 500, {}));
    const { client } = clientFor(server.url, { breakerThreshold: 1, breakerHalfOpenAfterMs: 4500, retries: 0 });

    await expect(client.getJson('quote', '/prices', {}, anything)).rejects.toMatchObject({ retryAfterSeconds: 5 });
    await expect(client.getJson('quote', '/prices', {}, anything)).rejects.toMatchObject({
      retryAfterSeconds: 5,
      reason: expect.stringContaining('circuit breaker is open'),
    });
  });
});

describe('DependencyClient bulkhead', () => {
  it('rejects a call when every slot and queue place is taken, without calling the dependency', async () => {
    const server = await serve((_request, response) => setTimeout(() => sendJson(response, 200, { ok: true }), 150));
    const { client, metrics } = clientFor(server.url, { bulkheadLimit: 1, bulkheadQueue: 1 });

    const first = client.getJson('quote', '/prices', {}, anything);
    const queued = client.getJson('quote', '/prices', {}, anything);
    const { error, ms } = await timed(client.getJson('quote', '/prices', {}, anything));

    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as DependencyUnavailableError).reason).toContain('too many concurrent calls');
    expect(ms).toBeLessThan(50);
    await expect(first).resolves.toEqual({ ok: true });
    await expect(queued).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(metrics.outcomes()).toEqual(['rejected', 'success', 'success']);
    expect(client.breakerState()).toBe('closed');
  });

  it('counts time spent waiting for a slot against the call deadline', async () => {
    const server = await serve((_request, response) => setTimeout(() => sendJson(response, 200, { ok: true }), 400));
    const { client, metrics } = clientFor(server.url, { bulkheadLimit: 1, timeoutMs: 500 });

    const first = client.postJson('reserve', '/reservations', {}, anything);
    const { error, ms } = await timed(client.postJson('reserve', '/reservations', {}, anything));

    await expect(first).resolves.toEqual({ ok: true });
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(ms).toBeGreaterThanOrEqual(480);
    expect(ms).toBeLessThan(650);
    expect(metrics.outcomes()).toEqual(['success', 'timeout']);
  });
});
