import { randomBytes } from 'node:crypto';
import { ApiClient, type Customer } from './api-client.ts';
import { embeddedDatabase } from './api-databases.ts';
import { describeExit, startApi, type ApiProcess } from './api-process.ts';
import type { Backend } from './e2e-environment.ts';
import { signToken, type TokenOptions } from './tokens.ts';

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

export async function startDedicatedApi(env: Readonly<Record<string, string>>): Promise<DedicatedApi> {
  const secret = randomBytes(32).toString('base64url');
  const database = await embeddedDatabase();
  let api: ApiProcess;
  try {
    api = await startApi({ NODE_ENV: 'test', AUTH_JWT_SECRET: secret, ...database.env, ...env });
  } catch (error) {
    await database.cleanup();
    throw error;
  }
  return {
    api,
    backend: { name: 'embedded', baseUrl: api.baseUrl },
    async newCustomer(options = {}) {
      const userId = crypto.randomUUID();
      const token = await signToken(userId, { ...options, secret });
      return { userId, token, client: new ApiClient(api.baseUrl, token) };
    },
    async stop() {
      try {
        const status = await api.stop('SIGTERM');
        if (status.code !== 0) throw new Error(`the dedicated api did not shut down cleanly (${describeExit(status)}):\n${api.output}`);
      } finally {
        await database.cleanup();
      }
    },
  };
}
