import type { Database } from './database.ts';
import { migrate } from './migrations/migrate.ts';
import { openDatabase } from './open-database.ts';
import { DatabaseUnavailableError } from './database.errors.ts';
import { Transactions } from './transactions.ts';
import { createScratchPostgresDatabase, type ScratchPostgresDatabase } from './testing.ts';
import { migrationsDirectory, readMigrationFiles } from './migrations/migration-files.ts';

async function shippedMigrations(): Promise<string[]> {
  return (await readMigrationFiles(migrationsDirectory)).map((file) => file.name);
}

const serverUrl = process.env['TEST_DATABASE_URL'];

(serverUrl ? describe : describe.skip)('openDatabase on PostgreSQL (skipped unless TEST_DATABASE_URL is set)', () => {
  let scratch: ScratchPostgresDatabase;
  const opened: Database[] = [];

  async function open(options: { statementTimeoutMs?: number; poolSize?: number } = {}): Promise<Database> {
    const database = await openDatabase({ url: scratch.url, dataDir: 'unused', ...options });
    opened.push(database);
    return database;
  }

  beforeEach(async () => {
    scratch = await createScratchPostgresDatabase(serverUrl ?? '');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
    await scratch.dispose();
  });

  it('opens a pool that migrates, answers and closes', async () => {
    const database = await open();
    expect(database.engine).toBe('postgres');
    expect(await migrate(database)).toEqual({ applied: await shippedMigrations() });
    await database.ping();
    expect(await database.prisma.cart.count()).toBe(0);

    await database.close();
    await database.close();
    await expect(database.ping()).rejects.toThrow();
  });

  it('applies each migration once when five replicas migrate one fresh database at the same time', async () => {
    const replicas = await Promise.all([1, 2, 3, 4, 5].map(() => open({ poolSize: 2 })));

    const results = await Promise.all(replicas.map((replica) => migrate(replica)));

    expect(results.flatMap((result) => result.applied)).toEqual(await shippedMigrations());
    const [first] = replicas;
    if (!first) throw new Error('no replica');
    const rows = await first.prisma.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations`;
    expect(rows.map((row) => row.migration_name).sort()).toEqual(await shippedMigrations());
  });

  it('ends a statement that runs past statementTimeoutMs instead of letting the request hang', async () => {
    const database = await open({ statementTimeoutMs: 200 });
    const started = Date.now();
    await expect(database.prisma.$executeRaw`SELECT pg_sleep(5)`).rejects.toThrow(/statement timeout/);
    expect(Date.now() - started).toBeLessThan(4_000);
    await database.ping();
  });

  it('gives up on a query with no answer after queryTimeoutMs (DATABASE_UNAVAILABLE) and drops its connection', async () => {
    const database = await openDatabase({ url: scratch.url, dataDir: 'unused', queryTimeoutMs: 300, statementTimeoutMs: 5_000 });
    opened.push(database);
    const started = Date.now();

    const hung = new Transactions(database.prisma).run((tx) => tx.$executeRaw`SELECT pg_sleep(3)`);

    await expect(hung).rejects.toBeInstanceOf(DatabaseUnavailableError);
    // The ROLLBACK fails at once on the closed connection instead of waiting another timeout.
    expect(Date.now() - started).toBeLessThan(1_000);
    await database.ping();
    expect(database.poolUsage()).toMatchObject({ open: 1 });
  });

  it('reports the pool use: connections lent out, idle and waiting, up to poolSize', async () => {
    const database = await open({ poolSize: 2 });
    await database.ping();
    // Prisma's queries start when awaited: Promise.all sets all three going.
    const busy = Promise.all([1, 2, 3].map(() => database.prisma.$executeRaw`SELECT pg_sleep(0.3)`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(database.poolUsage()).toEqual({ max: 2, open: 2, idle: 0, waiting: 1 });
    await busy;
    expect(database.poolUsage()).toMatchObject({ max: 2, open: 2, idle: 2, waiting: 0 });
  });

  it('fails ping() with DATABASE_UNAVAILABLE when the server cannot be reached', async () => {
    const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', dataDir: 'unused', connectTimeoutMs: 1_000 });
    opened.push(database);
    await expect(database.ping()).rejects.toBeInstanceOf(DatabaseUnavailableError);
  });
});
