import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MigrationError } from './migration.errors.ts';

/** The lib's own migrations, in Prisma Migrate's layout. */
export const migrationsDirectory = resolve(import.meta.dirname, '../../prisma/migrations');

export interface MigrationFile {
  /** The folder name, `<timestamp>_<name>`: what `_prisma_migrations.migration_name` records. */
  readonly name: string;
  readonly script: string;
  /** SHA-256 of the script, in hex, exactly as Prisma Migrate records it. */
  readonly checksum: string;
}

const folderName = /^\d{14}_\w*$/;

/** Every `<timestamp>_<name>/migration.sql` of the directory, ordered by folder name. */
export async function readMigrationFiles(directory: string): Promise<MigrationFile[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    folders.map(async (name) => {
      if (!folderName.test(name)) {
        throw new MigrationError('MIGRATION_INVALID', `Migration folder "${name}" is not named <14-digit timestamp>_<name>.`, name);
      }
      const script = await readFile(join(directory, name, 'migration.sql'), 'utf8').catch((error: unknown) => {
        throw new MigrationError('MIGRATION_INVALID', `Migration "${name}" has no readable migration.sql.`, name, { cause: error });
      });
      return { name, script, checksum: checksumOf(script) };
    }),
  );
}

export function checksumOf(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/**
 * Whether a script is the one a checksum was taken of. Like Prisma, a checkout whose line endings
 * git changed (LF and CRLF) still matches.
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\r\n', '\n').replaceAll('\n', '\r\n')];
  return variants.some((variant) => checksumOf(variant) === checksum);
}
