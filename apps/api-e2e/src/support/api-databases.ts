import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPostgresDatabaseUrl } from '@carteria/testing';
import type { Backend } from './e2e-environment.ts';

/** The environment that points an api at a fresh, empty database, and how to remove it afterwards. */
export interface ApiDatabase {
  readonly name: Backend['name'];
  readonly env: Readonly<Record<string, string>>;
  cleanup(): Promise<void>;
}

/** Embedded PGlite in a new temp DATA_DIR. */
export async function embeddedDatabase(): Promise<ApiDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'carteria-e2e-'));
  return { name: 'embedded', env: { DATA_DIR: dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

/** A new database on the PostgreSQL server of TEST_DATABASE_URL. */
export async function postgresDatabase(): Promise<ApiDatabase> {
  const database = await createPostgresDatabaseUrl();
  return { name: 'postgres', env: { DATABASE_URL: database.url }, cleanup: () => database.dispose() };
}

export function databaseFor(name: Backend['name']): Promise<ApiDatabase> {
  return name === 'postgres' ? postgresDatabase() : embeddedDatabase();
}
