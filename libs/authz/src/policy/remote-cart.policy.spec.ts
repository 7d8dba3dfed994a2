import { DependencyUnavailableError } from '@carteria/dependency-client';
import { RecordingClientMetrics } from '@carteria/dependency-client/testing';
import { principalOf } from '@carteria/kernel';
import type { Clock } from '@carteria/kernel';
import type { CartAction } from './cart-action.ts';
import { CART_SCOPES } from './cart-scopes.ts';
import { FakeOpaServer } from './fake-opa.server.ts';
import { RemoteCartPolicy } from './remote-cart.policy.ts';
import type { RemoteCartPolicyOptions } from './remote-cart-policy.options.ts';

const ME = '5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60';
const SOMEONE_ELSE = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11';

/** A clock that stands still until the test moves it (lru-cache needs a non-zero start). */
function testClock(): Clock & { advance(ms: number): void } {
  let now = Date.parse('2026-03-01T12:00:00Z');
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

/**
 * One attempt (so the fake sees each question once), a timeout a busy CI machine cannot trip on a
 * good answer, and a breaker that stays out of the way; the slow test sets its own short timeout.
 */
const STEADY = { timeoutMs: 2000, retries: 0, breakerThreshold: 1000 } as const;

describe('RemoteCartPolicy against an OPA on loopback', () => {
  const opa = new FakeOpaServer();
  const policies: RemoteCartPolicy[] = [];

  beforeAll(() => opa.start());
  afterAll(() => opa.stop());
  beforeEach(() => {
    opa.requests.length = 0;
    opa.behave({ kind: 'policy' });
  });
  afterEach(async () => {
    await Promise.all(policies.splice(0).map((policy) => policy.close()));
  });

  const remote = (options: Partial<RemoteCartPolicyOptions> = {}): RemoteCartPolicy => {
    const policy = new RemoteCartPolicy({ url: opa.url, resilience: STEADY, ...options });
    policies.push(policy);
    return policy;
  };

  describe('asks the Data API and reads result.allow', () => {
    it('POSTs {"input": ...} as JSON to /v1/data/carteria/cart, with scopes sorted, and allows on allow: true', async () => {
      const principal = principalOf(ME, [CART_SCOPES.read, CART_SCOPES.admin]);
      await expect(remote().decide(principal, 'cart.change', SOMEONE_ELSE)).resolves.toBe(true);
      expect(opa.requests).toEqual([
        {
          method: 'POST',
          url: '/v1/data/carteria/cart',
          contentType: expect.stringMatching(/^application\/json/),
          body: { input: { subject: ME, scopes: ['carts:admin', 'carts:read'], action: 'cart.change', ownerId: SOMEONE_ELSE } },
        },
      ]);
    });

    it('denies on allow: false, and sends a guest cart as ownerId null', async () => {
      await expect(remote().decide(principalOf(ME), 'cart.read', null)).resolves.toBe(false);
      expect(opa.requests[0]?.body).toEqual({ input: { subject: ME, scopes: [], action: 'cart.read', ownerId: null } });
    });

    it('uses the configured path and a base URL with a trailing slash', async () => {
      const policy = remote({ url: `${opa.url}/`, path: '/v1/data/shop/carts' });
      await expect(policy.decide(principalOf(ME), 'cart.read', ME)).resolves.toBe(true);
      expect(opa.requests.map((request) => request.url)).toEqual(['/v1/data/shop/carts']);
    });

    it.each([
      ['an undefined document', '{}'],
      ['an undefined document with a decision id', '{"decision_id": "d1"}'],
      ['a result without allow', '{"result": {}}'],
      ['a null result', '{"result": null}'],
      ['a result that is not a document', '{"result": true}'],
      ['allow as a string', '{"result": {"allow": "true"}}'],
      ['allow as a number', '{"result": {"allow": 1}}'],
      ['allow as a list', '{"result": {"allow": [true]}}'],
    ])('denies on %s', async (_, body) => {
      opa.behave({ kind: 'fixed', body });
      await expect(remote().decide(principalOf(ME, [CART_SCOPES.admin]), 'cart.read', ME)).resolves.toBe(false);
    });

    it('allows on allow: true beside other rules of the package document', async () => {
      opa.behave({ kind: 'fixed', body: '{"result": {"allow": true, "owns": true, "granted_by": {}}}' });
      await expect(remote().decide(principalOf(ME), 'cart.read', ME)).resolves.toBe(true);
    });

    it('refuses an unknown action without asking', async () => {
      await expect(remote().decide(principalOf(ME), 'cart.explode' as string as CartAction, ME)).resolves.toBe(false);
      expect(opa.requests).toHaveLength(0);
    });

    it('reports its calls as dependency authz, operation decide', async () => {
      const metrics = new RecordingClientMetrics();
      await remote({ metrics }).decide(principalOf(ME), 'cart.read', ME);
      expect(metrics.calls).toEqual([expect.objectContaining({ dependency: 'authz', operation: 'decide', outcome: 'success' })]);
    });
  });

  describe('caches answers for a short time', () => {
    it('asks once for repeated identical decisions, and again once the TTL has passed', async () => {
      const clock = testClock();
      const policy = remote({ cacheTtlMs: 5000, clock });
      for (let i = 0; i < 3; i += 1) {
        await expect(policy.decide(principalOf(ME), 'cart.read', ME)).resolves.toBe(true);
      }
      expect(opa.requests).toHaveLength(1);

      clock.advance(5000);
      await policy.decide(principalOf(ME), 'cart.read', ME);
      expect(opa.requests).toHaveLength(1);

      clock.advance(1);
      await expect(policy.decide(principalOf(ME), 'cart.read', ME)).resolves.toBe(true);
      expect(opa.requests).toHaveLength(2);
    });

    it('defaults to a 5 s TTL', async () => {
      const clock = testClock();
      const policy = remote({ clock });
      await policy.decide(principalOf(ME), 'cart.read', ME);
      clock.advance(4999);
      await policy.decide(principalOf(ME), 'cart.read', ME);
      expect(opa.requests).toHaveLength(1);
      clock.advance(2);
      await policy.decide(principalOf(ME), 'cart.read', ME);
      expect(opa.requests).toHaveLength(2);
    });

    it('caches a deny as well, and the same scopes in any order share an entry', async () => {
      const policy = remote();
      await expect(policy.decide(principalOf(ME, ['a', 'b']), 'cart.change', SOMEONE_ELSE)).resolves.toBe(false);
      await expect(policy.decide(principalOf(ME, ['b', 'a']), 'cart.change', SOMEONE_ELSE)).resolves.toBe(false);
      expect(opa.requests).toHaveLength(1);
    });

    it('never lets different questions share an entry', async () => {
      const policy = remote();
      const questions: [string, readonly string[], CartAction, string | null][] = [
        [ME, [], 'cart.read', ME],
        [SOMEONE_ELSE, [], 'cart.read', ME],
        [ME, [CART_SCOPES.read], 'cart.read', ME],
        [ME, ['a b'], 'cart.read', ME],
        [ME, ['a', 'b'], 'cart.read', ME],
        [ME, [], 'cart.change', ME],
        [ME, [], 'cart.read', SOMEONE_ELSE],
        [ME, [], 'cart.read', null],
        [ME, [], 'cart.read', 'null'],
      ];
      for (const [subject, scopes, action, ownerId] of questions) {
        await policy.decide(principalOf(subject, scopes), action, ownerId);
      }
      expect(opa.requests).toHaveLength(questions.length);
      const answers = await Promise.all(questions.map(([s, sc, a, o]) => policy.decide(principalOf(s, sc), a, o)));
      expect(answers).toEqual([true, false, true, true, true, true, false, false, false]);
      expect(opa.requests).toHaveLength(questions.length);
    });

    it('asks once for identical questions asked at the same time', async () => {
      opa.behave({ kind: 'slow', delayMs: 30 });
      const policy = remote();
      const answers = await Promise.all(Array.from({ length: 5 }, () => policy.decide(principalOf(ME), 'cart.read', ME)));
      expect(answers).toEqual([true, true, true, true, true]);
      expect(opa.requests).toHaveLength(1);
    });

    it('keeps at most cacheMaxEntries decisions, the least recently used going first', async () => {
      const policy = remote({ cacheMaxEntries: 2 });
      for (const action of ['cart.read', 'cart.change', 'cart.delete', 'cart.read'] as const) {
        await policy.decide(principalOf(ME), action, ME);
      }
      expect(opa.requests).toHaveLength(4);
    });
  });

  describe('fails closed', () => {
    const expectUnavailable = async (decision: Promise<boolean>): Promise<void> => {
      await expect(decision).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(decision).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', kind: 'unavailable', dependency: 'authz' });
    };

    it('when nothing listens at the URL', async () => {
      const gone = await new FakeOpaServer().start();
      const url = gone.url;
      await gone.stop();
      await expectUnavailable(remote({ url }).decide(principalOf(ME), 'cart.read', ME));
    });

    it('when the service is slower than the timeout, and answers soon', async () => {
      opa.behave({ kind: 'slow', delayMs: 3000 });
      const started = performance.now();
      const policy = remote({ resilience: { ...STEADY, timeoutMs: 100 } });
      await expectUnavailable(policy.decide(principalOf(ME), 'cart.read', ME));
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it('when the connection is reset', async () => {
      opa.behave({ kind: 'reset' });
      await expectUnavailable(remote().decide(principalOf(ME), 'cart.read', ME));
    });

    it.each([
      ['malformed JSON', 200, '{"result": {"allow": tru'],
      ['HTML', 200, '<html>proxy error</html>'],
      ['a JSON list', 200, '[{"result": {"allow": true}}]'],
      ['a JSON string', 200, '"allow"'],
      ['JSON null', 200, 'null'],
      ['an empty body', 200, ''],
      ['a server error', 500, '{"code": "internal_error"}'],
      ['a bad request', 400, '{"code": "invalid_parameter"}'],
      ['not found', 404, '{"result": {"allow": true}}'],
    ])('when the service answers %s', async (_, status, body) => {
      opa.behave({ kind: 'fixed', status, body });
      await expectUnavailable(remote().decide(principalOf(ME), 'cart.read', ME));
    });

    it('and caches no failure: the next question asks again', async () => {
      const policy = remote();
      opa.behave({ kind: 'fixed', status: 500, body: '{}' });
      await expectUnavailable(policy.decide(principalOf(ME), 'cart.read', ME));
      opa.behave({ kind: 'policy' });
      await expect(policy.decide(principalOf(ME), 'cart.read', ME)).resolves.toBe(true);
      expect(opa.requests).toHaveLength(2);
    });

    it('and reuses no stale answer when the service fails after the TTL', async () => {
      const clock = testClock();
      const policy = remote({ clock, cacheTtlMs: 1000 });
      await expect(policy.decide(principalOf(ME), 'cart.read', ME)).resolves.toBe(true);
      clock.advance(1001);
      opa.behave({ kind: 'fixed', status: 503, body: '{}' });
      await expectUnavailable(policy.decide(principalOf(ME), 'cart.read', ME));
    });
  });

  describe('options', () => {
    it.each([
      ['a relative URL', { url: '/opa' }, /absolute http\(s\) URL/],
      ['a URL that is not http(s)', { url: 'file:///opa' }, /absolute http\(s\) URL/],
      ['a URL with a query', { url: 'http://opa:8181/?pretty=true' }, /query or a fragment/],
      ['a path without a leading slash', { url: 'http://opa:8181', path: 'v1/data/carteria/cart' }, /`path`/],
      ['a path with a query', { url: 'http://opa:8181', path: '/v1/data/x?explain=full' }, /`path`/],
      ['a TTL of 0 (lru-cache would keep entries forever)', { url: 'http://opa:8181', cacheTtlMs: 0 }, /cacheTtlMs/],
      ['a fractional TTL', { url: 'http://opa:8181', cacheTtlMs: 1.5 }, /cacheTtlMs/],
      ['an empty cache', { url: 'http://opa:8181', cacheMaxEntries: 0 }, /cacheMaxEntries/],
      ['a bad resilience setting', { url: 'http://opa:8181', resilience: { timeoutMs: -1 } }, /timeoutMs/],
    ])('refuses %s', (_, options, message) => {
      expect(() => new RemoteCartPolicy(options)).toThrow(message);
    });
  });
});
