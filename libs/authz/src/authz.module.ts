import { ContainerModule } from 'inversify';
import type { CartPolicy } from './policy/cart-policy.ts';
import { RemoteCartPolicy } from './policy/remote-cart.policy.ts';
import { parseRemoteCartPolicyOptions } from './policy/remote-cart-policy.options.ts';
import type { RemoteCartPolicyOptions } from './policy/remote-cart-policy.options.ts';
import { ScopeCartPolicy } from './policy/scope-cart.policy.ts';
import { TokenVerifier } from './tokens/jwt-token-verifier.ts';
import { parseTokenVerifierOptions } from './tokens/token-verifier.options.ts';
import type { TokenVerifierOptions } from './tokens/token-verifier.options.ts';

/** Service identifiers of what this lib binds; the app binds its cart port to `cartPolicy`. */
export const AUTHZ_TOKENS = {
  tokenVerifier: Symbol.for('carteria.authz.TokenVerifier'),
  cartPolicy: Symbol.for('carteria.authz.CartPolicy'),
} as const;

export interface AuthzModuleOptions extends TokenVerifierOptions {
  /** When given, cart decisions are asked of this policy service; otherwise `ScopeCartPolicy` decides locally. */
  readonly remote?: RemoteCartPolicyOptions;
}

/**
 * Binds the token verifier and the cart policy, one instance each; bad options throw here, at
 * composition. A remote policy closes its connection pool when the container unbinds it
 * (`unbindAllAsync`).
 */
export function authzModule(options: AuthzModuleOptions): ContainerModule {
  const { remote, ...tokenOptions } = options;
  parseTokenVerifierOptions(tokenOptions);
  if (remote !== undefined) parseRemoteCartPolicyOptions(remote);
  return new ContainerModule(({ bind }) => {
    bind<TokenVerifier>(AUTHZ_TOKENS.tokenVerifier)
      .toResolvedValue(() => new TokenVerifier(tokenOptions))
      .inSingletonScope();
    if (remote === undefined) {
      bind<CartPolicy>(AUTHZ_TOKENS.cartPolicy).toConstantValue(new ScopeCartPolicy());
    } else {
      bind<RemoteCartPolicy>(AUTHZ_TOKENS.cartPolicy)
        .toResolvedValue(() => new RemoteCartPolicy(remote))
        .inSingletonScope()
        .onDeactivation((policy) => policy.close());
    }
  });
}
