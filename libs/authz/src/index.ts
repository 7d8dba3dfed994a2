export { TokenVerifier } from './tokens/jwt-token-verifier.ts';
export type { TokenVerifierOptions } from './tokens/token-verifier.options.ts';
export { MIN_SECRET_BYTES } from './tokens/token-verifier.options.ts';
export { UnauthenticatedError, TokenKeysUnavailableError } from './tokens/token.errors.ts';
export type { UnauthenticatedReason } from './tokens/token.errors.ts';
export { DEV_JWT_SECRET, signDevToken } from './tokens/dev-token.ts';
export type { DevTokenOptions } from './tokens/dev-token.ts';
export { ScopeCartPolicy } from './policy/scope-cart.policy.ts';
export type { CartPolicy } from './policy/cart-policy.ts';
export { RemoteCartPolicy } from './policy/remote-cart.policy.ts';
export type { CartDecisionInput } from './policy/remote-cart.policy.ts';
export {
  DEFAULT_DECISION_CACHE_MAX_ENTRIES,
  DEFAULT_DECISION_CACHE_TTL_MS,
  DEFAULT_DECISION_PATH,
} from './policy/remote-cart-policy.options.ts';
export type { RemoteCartPolicyOptions } from './policy/remote-cart-policy.options.ts';
export { CART_ACTIONS } from './policy/cart-action.ts';
export type { CartAction } from './policy/cart-action.ts';
export { CART_SCOPES } from './policy/cart-scopes.ts';
export type { CartScope } from './policy/cart-scopes.ts';
export { AUTHZ_TOKENS, authzModule } from './authz.module.ts';
export type { AuthzModuleOptions } from './authz.module.ts';
