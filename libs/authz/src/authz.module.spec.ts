import { principalOf } from '@carteria/kernel';
import { Container } from 'inversify';
import { AUTHZ_TOKENS, authzModule } from './authz.module.ts';
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
  });
});
