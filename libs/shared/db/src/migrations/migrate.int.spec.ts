import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../database.ts';
import { openDatabase } from '../open-database.ts';
import { openPglite } from '../pglite.database.ts';
import { sqlDriverOf } from '../sql-session.ts';
import { createScratchPostgresDatabase } from '../testing.ts';
import { migrate } from './migrate.ts';
import { checksumOf, migrationsDirectory, readMigrationFiles } from './migration-files.ts';

const serverUrl = process.env['TEST_DATABASE_URL'];

interface Fresh {
  readonly database: Database;
  dispose(): Promise<void>;
}

/** An empty PGlite database as a tarball: copies of it start in a fraction of initdb's time. */
let emptyPglite: Promise<Blob> | undefined;

async function freshPglite(): Promise<Fresh> {
  emptyPglite ??= openPglite('memory://').then(async (database) => {
    const snapshot = await sqlDriverOf(database).snapshot?.();
    await database.close();
    if (!snapshot) throw new Error('PGlite can be snapshotted');
    return snapshot;
  });
  const database = await openPglite('memory://', await emptyPglite);
  return { database, dispose: () => database.close() };
}

async function freshPostgres(): Promise<Fresh> {
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const scratch = await createScratchPostgresDatabase(serverUrl);
  const database = await openDatabase({ url: scratch.url, dataDir: 'unused' });
  return {
    database,
    async dispose() {
      await database.close();
      await scratch.dispose();
    },
  };
}

function query<Row extends object>(database: Database, sql: string, params: unknown[] = []): Promise<Row[]> {
  return sqlDriverOf(database).withDedicatedSession((session) => session.query<Row>(sql, params));
}

function migrateTests(open: () => Promise<Fresh>): void {
  let fresh: Fresh;
  let directory: string;

  beforeEach(async () => {
    fresh = await open();
    directory = await mkdtemp(join(tmpdir(), 'carteria-migrate-'));
  });

  afterEach(async () => {
    await fresh.dispose();
    await rm(directory, { recursive: true, force: true });
  });

  async function writeMigration(name: string, script: string): Promise<void> {
    await mkdir(join(directory, name), { recursive: true });
    await writeFile(join(directory, name, 'migration.sql'), script);
  }

  it("records each migration in _prisma_migrations exactly as Prisma Migrate does", async () => {
    await migrate(fresh.database);

    const rows = await query<Record<string, unknown>>(fresh.database, 'SELECT * FROM _prisma_migrations');
    const shipped = await readMigrationFiles(migrationsDirectory);
    expect(rows).toHaveLength(shipped.length);
    const row = rows.find((candidate) => candidate['migration_name'] === '20261121000000_init') ?? {};
    const script = await import('node:fs/promises').then((fs) => fs.readFile(join(migrationsDirectory, '20261121000000_init', 'migration.sql'), 'utf8'));
    expect(row).toMatchObject({ migration_name: '20261121000000_init', checksum: checksumOf(script), logs: null, rolled_back_at: null, applied_steps_count: 1 });
    expect(row['id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row['finished_at']).toBeInstanceOf(Date);
    expect((row['finished_at'] as Date).getTime()).toBeGreaterThanOrEqual((row['started_at'] as Date).getTime());

    const columns = await query<{ column_name: string; data_type: string; is_nullable: string }>(
      fresh.database,
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`)).toEqual([
      'id character varying NO',
      'checksum character varying NO',
      'finished_at timestamp with time zone YES',
      'migration_name character varying NO',
      'logs text YES',
      'rolled_back_at timestamp with time zone YES',
      'started_at timestamp with time zone NO',
      'applied_steps_count integer NO',
    ]);
  });

  it('applies only the migrations added since the last run, in folder-name order', async () => {
    await writeMigration('20260101000000_a', 'CREATE TABLE a (id INT);');
    expect(await migrate(fresh.database, { directory })).toEqual({ applied: ['20260101000000_a'] });

    await writeMigration('20260301000000_c', 'CREATE TABLE c (id INT REFERENCES b (id));');
    await writeMigration('20260201000000_b', 'CREATE TABLE b (id INT PRIMARY KEY);\nINSERT INTO b VALUES (1);');
    expect(await migrate(fresh.database, { directory })).toEqual({ applied: ['20260201000000_b', '20260301000000_c'] });
    expect(await migrate(fresh.database, { directory })).toEqual({ applied: [] });
  });

  it('refuses to run when an applied migration was edited, and applies nothing', async () => {
    await writeMigration('20260101000000_a', 'CREATE TABLE a (id INT);');
    await migrate(fresh.database, { directory });
    await writeMigration('20260101000000_a', 'CREATE TABLE a (id BIGINT);');
    await writeMigration('20260201000000_b', 'CREATE TABLE b (id INT);');

    await expect(migrate(fresh.database, { directory })).rejects.toMatchObject({
      name: 'MigrationError',
      code: 'MIGRATION_CHECKSUM_MISMATCH',
      kind: 'unavailable',
      migration: '20260101000000_a',
    });
    expect(await query(fresh.database, "SELECT 1 FROM pg_tables WHERE tablename = 'b'")).toEqual([]);
  });

  it('accepts an applied migration whose line endings git changed', async () => {
    await writeMigration('20260101000000_a', 'CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);\n');
    await migrate(fresh.database, { directory });
    await writeMigration('20260101000000_a', 'CREATE TABLE a (id INT);\r\nINSERT INTO a VALUES (1);\r\n');
    expect(await migrate(fresh.database, { directory })).toEqual({ applied: [] });
  });

  it('refuses to run when the database has applied a migration that is not on disk', async () => {
    await writeMigration('20260101000000_a', 'CREATE TABLE a (id INT);');
    await writeMigration('20260201000000_b', 'CREATE TABLE b (id INT);');
    await migrate(fresh.database, { directory });
    await rm(join(directory, '20260201000000_b'), { recursive: true });

    await expect(migrate(fresh.database, { directory })).rejects.toMatchObject({ code: 'MIGRATION_UNKNOWN', migration: '20260201000000_b' });
  });

  it('rolls a failing migration back whole, keeps the ones before it, and retries it next time', async () => {
    await writeMigration('20260101000000_a', 'CREATE TABLE a (id INT);');
    await writeMigration('20260201000000_b', 'CREATE TABLE b (id INT);\nSELECT 1 / 0;');

    const failure = migrate(fresh.database, { directory });
    await expect(failure).rejects.toMatchObject({ code: 'MIGRATION_FAILED', migration: '20260201000000_b' });
    await expect(failure).rejects.toHaveProperty('cause.message', 'division by zero');
    expect(await query(fresh.database, "SELECT tablename FROM pg_tables WHERE tablename IN ('a', 'b')")).toEqual([{ tablename: 'a' }]);
    expect(await query(fresh.database, 'SELECT migration_name FROM _prisma_migrations')).toEqual([{ migration_name: '20260101000000_a' }]);

    await writeMigration('20260201000000_b', 'CREATE TABLE b (id INT);');
    expect(await migrate(fresh.database, { directory })).toEqual({ applied: ['20260201000000_b'] });
  });

  it('refuses a migration Prisma left unfinished, and re-applies one marked rolled back', async () => {
    await writeMigration('20260101000000_a', 'CREATE TABLE a (id INT);');
    await migrate(fresh.database, { directory });
    await query(fresh.database, "UPDATE _prisma_migrations SET finished_at = NULL, applied_steps_count = 0");
    await expect(migrate(fresh.database, { directory })).rejects.toMatchObject({ code: 'MIGRATION_INCOMPLETE' });

    // What `prisma migrate resolve --rolled-back` records after the schema was repaired by hand.
    await query(fresh.database, 'UPDATE _prisma_migrations SET rolled_back_at = now()');
    await query(fresh.database, 'DROP TABLE a');
    expect(await migrate(fresh.database, { directory })).toEqual({ applied: ['20260101000000_a'] });
  });
}

describe('migrate() on PGlite', () => {
  migrateTests(freshPglite);
});

(serverUrl ? describe : describe.skip)('migrate() on PostgreSQL (skipped unless TEST_DATABASE_URL is set)', () => {
  migrateTests(freshPostgres);
});
