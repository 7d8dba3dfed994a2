import { migrate, openDatabase, type Database, type DatabaseEngine } from '@carteria/db';
import { createScratchPostgresDatabase, openMigratedPglite } from '@carteria/db/testing';

export interface TestDatabase {
  /** Open and migrated. */
  readonly database: Database;
  /** PostgreSQL only: the URL of the scratch database. */
  readonly url?: string;
  /** Closes the database and, on PostgreSQL, drops it. */
  dispose(): Promise<void>;
}

export interface PostgresDatabaseUrl {
  readonly url: string;
  /** Drops the database (closing connections still open to it). */
  dispose(): Promise<void>;
}

/** Whether the PostgreSQL suites can run: TEST_DATABASE_URL names a server (a superuser URL). */
export function postgresAvailable(): boolean {
  return Boolean(process.env['TEST_DATABASE_URL']);
}

/**
 * A fresh, migrated database for one test suite: in-memory PGlite, or a new randomly named database
 * on the TEST_DATABASE_URL server. Call dispose() when done (afterAll).
 */
export async function createTestDatabase(options: { readonly engine: DatabaseEngine }): Promise<TestDatabase> {
  if (options.engine === 'pglite') {
    const database = await openMigratedPglite();
    return { database, dispose: () => database.close() };
  }
  const scratch = await createPostgresDatabaseUrl();
  try {
    const database = await openDatabase({ url: scratch.url, dataDir: 'memory://' });
    try {
      await migrate(database);
    } catch (error) {
      await database.close();
      throw error;
    }
    return {
      database,
      url: scratch.url,
      async dispose() {
        await database.close();
        await scratch.dispose();
      },
    };
  } catch (error) {
    await scratch.dispose();
    throw error;
  }
}

/** A fresh, empty (not migrated) database on the TEST_DATABASE_URL server, e.g. for an api started as a process. */
export async function createPostgresDatabaseUrl(): Promise<PostgresDatabaseUrl> {
  const serverUrl = process.env['TEST_DATABASE_URL'];
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set: guard PostgreSQL suites with postgresAvailable().');
  const scratch = await createScratchPostgresDatabase(serverUrl);
  return { url: scratch.url, dispose: () => scratch.dispose() };
}
