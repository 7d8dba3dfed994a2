import { randomBytes, randomUUID } from 'node:crypto';
import { ApiClient } from './api-client.ts';
import { databaseFor } from './api-databases.ts';
import { describeExit, startApi, type ApiProcess } from '@carteria/testing';
import type { DedicatedApi } from './dedicated-api.ts';
import type { Backend } from './e2e-environment.ts';
import { signToken } from './tokens.ts';

/**
 * Like `startDedicatedApi`, but on either backend: the embedded database in a temp dir, or a fresh
 * PostgreSQL database on the server of TEST_DATABASE_URL. For suites whose dependency fakes must
 * sit behind an api of each backend the shared run has.
 */
export async function startDedicatedApiOn(name: Backend['name'], env: Readonly<Record<string, string>>): Promise<DedicatedApi> {
  const secret = randomBytes(32).toString('base64url');
  const database = await databaseFor(name);
  let api: ApiProcess;
  try {
    api = await startApi({ NODE_ENV: 'test', AUTH_JWT_SECRET: secret, ...database.env, ...env });
  } catch (error) {
    await database.cleanup();
    throw error;
  }
  return {
    api,
    backend: { name, baseUrl: api.baseUrl },
    async newCustomer(options = {}) {
      const userId = randomUUID();
      const token = await signToken(userId, { ...options, secret });
      return { userId, token, client: new ApiClient(api.baseUrl, token) };
    },
    async stop() {
      try {
        const status = await api.stop('SIGTERM');
        if (status.code !== 0) throw new Error(`the dedicated ${name} api did not shut down cleanly (${describeExit(status)}):\n${api.output}`);
      } finally {
        await database.cleanup();
      }
    },
  };
}
