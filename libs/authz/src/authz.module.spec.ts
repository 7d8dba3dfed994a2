import { DependencyUnavailableError } from '@carteria/dependency-client';
import { principalOf } from '@carteria/kernel';
import { Container } from 'inversify';
import { AUTHZ_TOKENS, authzModule } from './authz.module.ts';
import type { CartPolicy } from './policy/cart-policy.ts';
import { FakeOpaServer } from './policy/fake-opa.server.ts';
import { RemoteCartPolicy } from './policy/remote-cart.policy.ts';
import { ScopeCartPolicy } from './policy/scope-cart.policy.ts';
import { DEV_JWT_SECRET, signDevToken } from './tokens/dev-token.ts';
import { TokenVerifier } from './tokens/jwt-token-verifier.ts';

const USER = '5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60';

describe('authzModule', () => {
  it('binds one token verifier and one cart policy that resolve from a container', async () => {
    const container = new Container();
    container.load(authzModule({ secret: DEV_JWT_SECRET }));

    const verifier = container.get<TokenVerifier>(AUTHZ_TOKENS.tokenVerifier);
    const policy = container.get<ScopeCartPolicy>(AUTHZ_TOKENS.cartPolicy);
    expect(verifier).toBeInstanceOf(TokenVerifier);
    expect(policy).toBeInstanceOf(ScopeCartPolicy);
    expect(container.get(AUTHZ_TOKENS.tokenVerifier)).toBe(verifier);
    expect(container.get(AUTHZ_TOKENS.cartPolicy)).toBe(policy);

    const principal = await verifier.verify(await signDevToken({ secret: DEV_JWT_SECRET, subject: USER }));
    await expect(policy.decide(principal, 'cart.read', USER)).resolves.toBe(true);
    await expect(policy.decide(principalOf(USER), 'cart.read', null)).resolves.toBe(false);
  });

  it('refuses bad options when the module is made, before anything resolves', () => {
    expect(() => authzModule({})).toThrow(/exactly one of/);
    expect(() => authzModule({ secret: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => authzModule({ secret: DEV_JWT_SECRET, remote: { url: 'opa:8181' } })).toThrow(/absolute http\(s\) URL/);
    expect(() => authzModule({ secret: DEV_JWT_SECRET, remote: { url: 'http://opa:8181', cacheTtlMs: -5 } })).toThrow(
      /cacheTtlMs/,
    );
  });

  describe('with a remote policy service', () => {
    const opa = new FakeOpaServer();
    beforeAll(() => opa.start());
    afterAll(() => opa.stop());

    it('binds one RemoteCartPolicy that asks it, and closes it when the container unbinds', async () => {
      const container = new Container();
      container.load(authzModule({ secret: DEV_JWT_SECRET, remote: { url: opa.url, cacheTtlMs: 1000, resilience: { timeoutMs: 2000, retries: 0 } } }));

      const policy = container.get<CartPolicy>(AUTHZ_TOKENS.cartPolicy);
      expect(policy).toBeInstanceOf(RemoteCartPolicy);
      expect(container.get(AUTHZ_TOKENS.cartPolicy)).toBe(policy);
      expect(container.get(AUTHZ_TOKENS.tokenVerifier)).toBeInstanceOf(TokenVerifier);

      await expect(policy.decide(principalOf(USER), 'cart.read', USER)).resolves.toBe(true);
      await expect(policy.decide(principalOf(USER), 'cart.read', null)).resolves.toBe(false);
      expect(opa.requests.map((request) => request.url)).toEqual(['/v1/data/carteria/cart', '/v1/data/carteria/cart']);

      await container.unbindAllAsync();
      // Closed: the cache is empty and the connection pool refuses to ask.
      await expect(policy.decide(principalOf(USER), 'cart.read', USER)).rejects.toBeInstanceOf(DependencyUnavailableError);
      expect(opa.requests).toHaveLength(2);
    });
  });
});
