import { randomUUID } from 'node:crypto';
import type { Logger } from '@carteria/kernel';
import type { Database } from '../database.ts';
import { sqlDriverOf, type SqlSession } from '../sql-session.ts';
import { migrationsDirectory, readMigrationFiles, scriptMatchesChecksum, type MigrationFile } from './migration-files.ts';
import { MigrationError } from './migration.errors.ts';
import {
  ensureMigrationsTable,
  listMigrationRecords,
  recordMigrationFinished,
  recordMigrationStarted,
  type MigrationRecord,
} from './prisma-migrations.table.ts';

/** The advisory lock key Prisma Migrate takes, so this runner and `prisma migrate deploy` exclude each other too. */
const migrationLockKey = 72707369;

export interface MigrateOptions {
  readonly logger?: Logger;
  /** Another migrations folder in the same layout; the lib's own `prisma/migrations` by default. */
  readonly directory?: string;
}

export interface MigrateResult {
  /** Names of the migrations this call applied, in order (empty when the schema was up to date). */
  readonly applied: string[];
}

/**
 * Brings the schema up to date: applies each migration on disk that the database has not applied,
 * in folder-name order, each in its own transaction, the whole run under an advisory lock so that
 * replicas starting together apply each migration once. Refuses (MigrationError) when an applied
 * migration was edited or is missing on disk, or a previous `prisma migrate` run left one unfinished.
 */
export async function migrate(database: Database, options: MigrateOptions = {}): Promise<MigrateResult> {
  const files = await readMigrationFiles(options.directory ?? migrationsDirectory);
  return sqlDriverOf(database).withDedicatedSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    try {
      await ensureMigrationsTable(session);
      const pending = pendingMigrations(files, await listMigrationRecords(session));
      const applied: string[] = [];
      for (const file of pending) {
        await applyMigration(session, file);
        applied.push(file.name);
        options.logger?.info({ migration: file.name }, 'migration applied');
      }
      return { applied };
    } finally {
      // Closing the session releases the lock anyway; a failure here must not hide the real error.
      await session.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    }
  });
}

function pendingMigrations(files: readonly MigrationFile[], records: readonly MigrationRecord[]): MigrationFile[] {
  const filesByName = new Map(files.map((file) => [file.name, file]));
  const appliedNames = new Set<string>();
  for (const record of records) {
    if (record.rolledBack) continue;
    const name = record.migrationName;
    if (!record.finished) {
      throw new MigrationError(
        'MIGRATION_INCOMPLETE',
        `Migration "${name}" was started and never finished. Repair the schema by hand, then mark it with ` +
          '`prisma migrate resolve --applied` or `--rolled-back`.',
        name,
      );
    }
    const file = filesByName.get(name);
    if (!file) {
      throw new MigrationError('MIGRATION_UNKNOWN', `The database has applied migration "${name}", which is not on disk.`, name);
    }
    if (!scriptMatchesChecksum(file.script, record.checksum)) {
      throw new MigrationError(
        'MIGRATION_CHECKSUM_MISMATCH',
        `Migration "${name}" was edited after it was applied. Restore the file and add a new migration instead.`,
        name,
      );
    }
    appliedNames.add(name);
  }
  return files.filter((file) => !appliedNames.has(file.name));
}

async function applyMigration(session: SqlSession, file: MigrationFile): Promise<void> {
  try {
    await session.transaction(async (tx) => {
      const id = randomUUID();
      await recordMigrationStarted(tx, id, file.name, file.checksum);
      await tx.execScript(file.script);
      await recordMigrationFinished(tx, id);
    });
  } catch (error) {
    throw new MigrationError('MIGRATION_FAILED', `Migration "${file.name}" failed and was rolled back.`, file.name, {
      cause: error,
    });
  }
}
