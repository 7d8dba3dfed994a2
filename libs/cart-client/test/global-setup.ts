import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApi, type ApiProcess } from '@carteria/testing';
import { publishApi } from './api-under-test.ts';

// globalSetup and globalTeardown share the process but not their modules: a global links them.
const key = Symbol.for('carteria.cart-client.api');
interface Started {
  readonly api: ApiProcess;
  readonly dataDir: string;
}
type Holder = Record<symbol, Started | undefined>;

/** Starts one api on the embedded database in a temp DATA_DIR for every SDK test file. */
export default async function globalSetup(): Promise<void> {
  const jwtSecret = randomBytes(32).toString('base64url');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'carteria-cart-client-'));
  try {
    const api = await startApi({ NODE_ENV: 'test', AUTH_JWT_SECRET: jwtSecret, DATA_DIR: dataDir });
    (globalThis as unknown as Holder)[key] = { api, dataDir };
    publishApi({ baseUrl: api.baseUrl, jwtSecret });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export async function stopStartedApi(): Promise<void> {
  const holder = globalThis as unknown as Holder;
  const started = holder[key];
  holder[key] = undefined;
  if (!started) return;
  await started.api.stop('SIGTERM');
  await rm(started.dataDir, { recursive: true, force: true });
}
