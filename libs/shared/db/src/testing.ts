import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Database } from './database.ts';
import { migrate } from './migrations/migrate.ts';
import { openPglite } from './pglite.database.ts';
import { sqlDriverOf } from './sql-session.ts';

// Test helpers for other projects (through `@carteria/db/testing`); never used by production code.

/** A database of its own on a PostgreSQL server, for one test suite. */
export interface ScratchPostgresDatabase {
  /** The server URL with the scratch database in its path. */
  readonly url: string;
  readonly name: string;
  /** Drops the database, closing any connection still open to it. Safe to call twice. */
  dispose(): Promise<void>;
}

/**
 * Creates an empty, randomly named database on the server `serverUrl` points to (a role allowed to
 * create databases). Only databases made here are ever dropped by dispose().
 */
export async function createScratchPostgresDatabase(serverUrl: string): Promise<ScratchPostgresDatabase> {
  const name = `carteria_test_${randomUUID().replaceAll('-', '')}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let disposing: Promise<void> | undefined;
  return {
    url: url.toString(),
    name,
    dispose() {
      disposing ??= onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return disposing;
    },
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * The migrated schema as a PGlite tarball, built once per module registry (Jest gives each test
 * file its own): starting from it takes a fraction of a second, where initdb takes seconds.
 */
let migratedTemplate: Promise<Blob> | undefined;

/** A fresh in-memory PGlite database with every migration applied. */
export async function openMigratedPglite(): Promise<Database> {
  migratedTemplate ??= buildMigratedTemplate().catch((error: unknown) => {
    migratedTemplate = undefined;
    throw error;
  });
  return openPglite('memory://', await migratedTemplate);
}

async function buildMigratedTemplate(): Promise<Blob> {
  const database = await openPglite('memory://');
  try {
    await migrate(database);
    const { snapshot } = sqlDriverOf(database);
    if (!snapshot) throw new Error('PGlite databases can be snapshotted.');
    return await snapshot();
  } finally {
    await database.close();
  }
}
