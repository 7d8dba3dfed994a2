import type { SqlExecutor } from '../sql-session.ts';

/**
 * Prisma Migrate's bookkeeping table, created with Prisma's own definition so that
 * `prisma migrate deploy|status|resolve` and this runner read and write the same rows.
 */
const createTable = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationRecord {
  readonly id: string;
  readonly migrationName: string;
  readonly checksum: string;
  readonly finished: boolean;
  readonly rolledBack: boolean;
}

interface MigrationRow {
  readonly id: string;
  readonly migration_name: string;
  readonly checksum: string;
  readonly finished: boolean;
  readonly rolled_back: boolean;
}

export async function ensureMigrationsTable(sql: SqlExecutor): Promise<void> {
  await sql.execScript(createTable);
}

export async function listMigrationRecords(sql: SqlExecutor): Promise<MigrationRecord[]> {
  const rows = await sql.query<MigrationRow>(
    `SELECT id, migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
  return rows.map((row) => ({
    id: row.id,
    migrationName: row.migration_name,
    checksum: row.checksum,
    finished: row.finished,
    rolledBack: row.rolled_back,
  }));
}

/** Prisma inserts the row when a migration starts, then counts the step and sets finished_at. */
export async function recordMigrationStarted(sql: SqlExecutor, id: string, name: string, checksum: string): Promise<void> {
  await sql.query('INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, clock_timestamp(), $3)', [
    id,
    checksum,
    name,
  ]);
}

export async function recordMigrationFinished(sql: SqlExecutor, id: string): Promise<void> {
  await sql.query(
    'UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1',
    [id],
  );
}
