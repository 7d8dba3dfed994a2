import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksumOf, migrationsDirectory, readMigrationFiles, scriptMatchesChecksum } from './migration-files.ts';
import { MigrationError } from './migration.errors.ts';

describe('migration files', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'carteria-migrations-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function addMigration(name: string, script: string): Promise<void> {
    await mkdir(join(directory, name));
    await writeFile(join(directory, name, 'migration.sql'), script);
  }

  it('reads every migration folder in name order and skips other files', async () => {
    await addMigration('20261201000000_second', 'SELECT 2;');
    await addMigration('20261121000000_first', 'SELECT 1;');
    await writeFile(join(directory, 'migration_lock.toml'), 'provider = "postgresql"\n');

    const files = await readMigrationFiles(directory);

    expect(files.map((file) => file.name)).toEqual(['20261121000000_first', '20261201000000_second']);
    expect(files[0]).toMatchObject({ script: 'SELECT 1;', checksum: checksumOf('SELECT 1;') });
  });

  it('refuses a folder that is not a migration', async () => {
    await addMigration('20261121000000_first', 'SELECT 1;');
    await mkdir(join(directory, 'notes'));
    await expect(readMigrationFiles(directory)).rejects.toMatchObject({ code: 'MIGRATION_INVALID', migration: 'notes' });
  });

  it('refuses a migration folder without migration.sql', async () => {
    await mkdir(join(directory, '20261121000000_empty'));
    await expect(readMigrationFiles(directory)).rejects.toBeInstanceOf(MigrationError);
  });

  it("checksums a script as Prisma does: SHA-256 of the file's bytes, in hex", () => {
    const script = 'CREATE TABLE "t" ("id" UUID NOT NULL);\n';
    expect(checksumOf(script)).toBe(createHash('sha256').update(Buffer.from(script, 'utf8')).digest('hex'));
    expect(checksumOf(script)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches a checksum across LF and CRLF line endings, and nothing else', () => {
    const lf = 'SELECT 1;\nSELECT 2;\n';
    const crlf = 'SELECT 1;\r\nSELECT 2;\r\n';
    expect(scriptMatchesChecksum(crlf, checksumOf(lf))).toBe(true);
    expect(scriptMatchesChecksum(lf, checksumOf(crlf))).toBe(true);
    expect(scriptMatchesChecksum('SELECT 1;\nSELECT 3;\n', checksumOf(lf))).toBe(false);
  });

  it("finds the lib's own migrations next to the schema", async () => {
    const files = await readMigrationFiles(migrationsDirectory);
    expect(files[0]?.name).toBe('20261121000000_init');
    const lock = await readFile(join(migrationsDirectory, 'migration_lock.toml'), 'utf8');
    expect(lock).toContain('provider = "postgresql"');
  });
});
