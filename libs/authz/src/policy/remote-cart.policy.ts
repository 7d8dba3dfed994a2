import { DependencyClient } from '@carteria/dependency-client';
import type { Principal } from '@carteria/kernel';
import { LRUCache } from 'lru-cache';
import { CART_ACTIONS } from './cart-action.ts';
import type { CartAction } from './cart-action.ts';
import type { CartPolicy } from './cart-policy.ts';
import { parseRemoteCartPolicyOptions } from './remote-cart-policy.options.ts';
import type { RemoteCartPolicyOptions } from './remote-cart-policy.options.ts';

/** The OPA `input` document of one decision. Scopes are sorted, so equal principals ask equal questions. */
export interface CartDecisionInput {
  /** null for a guest (a caller known only by a cart token). */
  readonly subject: string | null;
  readonly scopes: readonly string[];
  readonly action: CartAction;
  readonly ownerId: string | null;
}

/**
 * Who may do what to a cart, asked of an external policy service over OPA's Data API:
 * `POST {url}{path}` with `{"input": CartDecisionInput}`, answered by `{"result": {"allow": bool}}`.
 * Only `allow: true` allows; an undefined document (`{}`) or a missing or non-boolean `allow` denies.
 *
 * Fails closed: when the service is unreachable, slow, answers a non-2xx status or something that is
 * not a JSON object, `decide` rejects with the client's `DependencyUnavailableError` (503), never
 * allows. Answers, allow and deny alike, are cached for `cacheTtlMs`; failures are not. Identical
 * questions asked while one is in flight share its answer.
 */
export class RemoteCartPolicy implements CartPolicy {
  readonly #client: DependencyClient;
  readonly #path: string;
  readonly #decisions: LRUCache<string, boolean, CartDecisionInput>;

  constructor(options: RemoteCartPolicyOptions) {
    const config = parseRemoteCartPolicyOptions(options);
    const { resilience, metrics, clock } = options;
    this.#client = new DependencyClient({
      dependency: 'authz',
      baseUrl: config.baseUrl,
      ...(resilience === undefined ? {} : { resilience }),
      ...(metrics === undefined ? {} : { metrics }),
    });
    this.#path = config.path;
    this.#decisions = new LRUCache<string, boolean, CartDecisionInput>({
      max: config.cacheMaxEntries,
      ttl: config.cacheTtlMs,
      // Staleness is checked on every read: the cost is nothing beside a network call.
      ttlResolution: 0,
      // An entry evicted while its question is in flight still answers the callers waiting on it.
      ignoreFetchAbort: true,
      fetchMethod: (_key, _stale, { context }) => this.#ask(context),
      ...(clock === undefined ? {} : { perf: { now: () => clock.now().getTime() } }),
    });
  }

  decide(principal: Principal, action: CartAction, ownerId: string | null): Promise<boolean> {
    // A TypeScript caller cannot name another action; refusing one here keeps junk out of the cache.
    if (!CART_ACTIONS.includes(action)) return Promise.resolve(false);
    const input: CartDecisionInput = { subject: principal.subject, scopes: [...principal.scopes].sort(), action, ownerId };
    return this.#decisions.forceFetch(cacheKey(input), { context: input });
  }

  /** Forgets every decision and closes the HTTP connection pool. */
  async close(): Promise<void> {
    this.#decisions.clear();
    await this.#client.close();
  }

  #ask(input: CartDecisionInput): Promise<boolean> {
    return this.#client.postJson('decide', this.#path, { input }, allowOf, { idempotent: true });
  }
}

/** An unambiguous key: JSON keeps a scope holding a separator from colliding with two scopes. */
function cacheKey(input: CartDecisionInput): string {
  return JSON.stringify([input.subject, input.scopes, input.action, input.ownerId]);
}

/**
 * Reads OPA's answer. A body that is not a JSON object is garbage and throws (the client turns that
 * into DependencyUnavailableError); within an object, anything but `result.allow === true` denies.
 */
function allowOf(body: unknown): boolean {
  if (!isObject(body)) {
    throw new TypeError('The policy service did not answer a JSON object.');
  }
  const result = body['result'];
  return isObject(result) && result['allow'] === true;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
