import { randomBytes } from 'node:crypto';
import { postgresAvailable } from '@carteria/testing';
import { databaseFor } from './api-databases.ts';
import { startApi } from '@carteria/testing';
import { publishEnvironment, type Backend } from './e2e-environment.ts';
import { rememberStarted, type StartedBackend } from './started-backends.ts';

/**
 * Starts one api per backend: always the embedded database (PGlite in a temp DATA_DIR), and
 * PostgreSQL on a fresh database when TEST_DATABASE_URL points at a reachable server. Test files
 * find them through `e2eEnvironment()`; globalTeardown stops them.
 */
export default async function globalSetup(): Promise<void> {
  const jwtSecret = randomBytes(32).toString('base64url');
  const names: Backend['name'][] = postgresAvailable() ? ['embedded', 'postgres'] : ['embedded'];

  const results = await Promise.allSettled(names.map((name) => startBackend(name, { AUTH_JWT_SECRET: jwtSecret })));
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  rememberStarted(started);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;

  const backends: Backend[] = started.map(({ name, api }) => ({ name, baseUrl: api.baseUrl }));
  publishEnvironment({ jwtSecret, backends });
  process.stdout.write(`\napi-e2e: ${backends.map((backend) => `${backend.name} api at ${backend.baseUrl}`).join(', ')}\n`);
}

async function startBackend(name: Backend['name'], env: Record<string, string>): Promise<StartedBackend> {
  const database = await databaseFor(name);
  try {
    const api = await startApi({ NODE_ENV: 'test', ...env, ...database.env });
    return { name, api, cleanup: () => database.cleanup() };
  } catch (error) {
    await database.cleanup();
    throw error;
  }
}
