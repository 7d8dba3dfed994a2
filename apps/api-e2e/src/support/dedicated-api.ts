import type { Customer } from './api-client.ts';
import type { ApiProcess } from '@carteria/testing';
import { startDedicatedApiOn } from './dedicated-backend-api.ts';
import type { Backend } from './e2e-environment.ts';
import type { TokenOptions } from './tokens.ts';

/**
 * An api of one suite's own (embedded database in a temp dir, its own JWT secret), started with
 * extra environment such as dependency URLs; the shared ones never see these settings.
 */
export interface DedicatedApi {
  readonly api: ApiProcess;
  readonly backend: Backend;
  newCustomer(options?: Omit<TokenOptions, 'secret'>): Promise<Customer>;
  /** SIGTERM; rejects unless the api exits 0. Removes the temp dir either way. */
  stop(): Promise<void>;
}

/** An embedded-database api of one suite's own; see startDedicatedApiOn for either backend. */
export function startDedicatedApi(env: Readonly<Record<string, string>>): Promise<DedicatedApi> {
  return startDedicatedApiOn('embedded', env);
}
