import { ContainerModule } from 'inversify';
import { ScopeCartPolicy } from './policy/scope-cart.policy.ts';
import { TokenVerifier } from './tokens/jwt-token-verifier.ts';
import { parseTokenVerifierOptions } from './tokens/token-verifier.options.ts';
import type { TokenVerifierOptions } from './tokens/token-verifier.options.ts';

/** Service identifiers of what this lib binds; the app binds its cart port to `cartPolicy`. */
export const AUTHZ_TOKENS = {
  tokenVerifier: Symbol.for('carteria.authz.TokenVerifier'),
  cartPolicy: Symbol.for('carteria.authz.CartPolicy'),
} as const;

/** Binds the token verifier and the cart policy, one instance each; bad options throw here, at composition. */
export function authzModule(options: TokenVerifierOptions): ContainerModule {
  parseTokenVerifierOptions(options);
  return new ContainerModule(({ bind }) => {
    bind<TokenVerifier>(AUTHZ_TOKENS.tokenVerifier)
      .toResolvedValue(() => new TokenVerifier(options))
      .inSingletonScope();
    bind<ScopeCartPolicy>(AUTHZ_TOKENS.cartPolicy).toConstantValue(new ScopeCartPolicy());
  });
}
