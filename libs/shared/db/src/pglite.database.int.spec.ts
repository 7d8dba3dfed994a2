import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from './database.ts';
import { migrate } from './migrations/migrate.ts';
import { openDatabase } from './open-database.ts';
import { migrationsDirectory, readMigrationFiles } from './migrations/migration-files.ts';
import { sqlDriverOf } from './sql-session.ts';

async function shippedMigrations(): Promise<string[]> {
  return (await readMigrationFiles(migrationsDirectory)).map((file) => file.name);
}

const cart = {
  id: '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11',
  ownerId: '5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60',
  currency: 'EUR',
  createdAt: new Date('2026-11-21T10:00:00.000Z'),
  updatedAt: new Date('2026-11-21T10:00:00.000Z'),
};

describe('openDatabase on PGlite', () => {
  let database: Database | undefined;

  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('opens an in-memory database that migrates, answers and closes', async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    expect(database.engine).toBe('pglite');
    expect(database.poolUsage()).toBeUndefined();

    expect(await migrate(database)).toEqual({ applied: await shippedMigrations() });
    await database.ping();
    await database.prisma.cart.create({ data: cart });
    expect(await database.prisma.cart.findUnique({ where: { id: cart.id } })).toMatchObject({ status: 'active', version: 1 });

    await database.close();
    await database.close();
    await expect(database.ping()).rejects.toThrow();
  });

  it('keeps its data in dataDir (created if missing) across a reopen', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'carteria-pglite-'));
    const dataDir = join(parent, 'nested', 'data');
    try {
      const first = await openDatabase({ dataDir });
      await migrate(first);
      await first.prisma.cart.create({ data: cart });
      await first.close();

      database = await openDatabase({ dataDir });
      expect(await migrate(database)).toEqual({ applied: [] });
      expect(await database.prisma.cart.count()).toBe(1);
    } finally {
      await database?.close();
      database = undefined;
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('applies each migration once when migrate() runs concurrently in one process', async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    const open = database;
    const results = await Promise.all([migrate(open), migrate(open), migrate(open)]);
    expect(results.flatMap((result) => result.applied)).toEqual(await shippedMigrations());
  });

  it('deletes the lines of a deleted cart (ON DELETE CASCADE)', async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database);
    await database.prisma.cart.create({
      data: { ...cart, lines: { create: [{ productId: 'sku-42', position: 0, quantity: 2, name: 'Cup', unitPrice: 1250, addedUnitPrice: 1250, stock: 3, addedAt: cart.createdAt, updatedAt: cart.createdAt }] } },
    });
    await database.prisma.cart.delete({ where: { id: cart.id } });
    expect(await database.prisma.cartLine.count()).toBe(0);
  });
});

describe('a new embedded database from a template', () => {
  it('starts from the tarball when the directory is new, and keeps its data on reopen', async () => {
    const source = await openDatabase({ dataDir: 'memory://' });
    await migrate(source);
    const template = join(await mkdtemp(join(tmpdir(), 'carteria-template-')), 'template.tar.gz');
    await writeFile(template, await snapshotOf(source));
    await source.close();

    const dataDir = join(await mkdtemp(join(tmpdir(), 'carteria-data-')), 'data');
    const fromTemplate = await openDatabase({ dataDir, pgliteTemplate: template });
    expect(await migrate(fromTemplate)).toEqual({ applied: [] });
    await fromTemplate.prisma.$executeRaw`INSERT INTO carts (id, currency, created_at, updated_at) VALUES (gen_random_uuid(), 'EUR', now(), now())`;
    await fromTemplate.close();

    const reopened = await openDatabase({ dataDir, pgliteTemplate: '/nonexistent/template.tar.gz' });
    expect(await reopened.prisma.cart.count()).toBe(1);
    await reopened.close();
  });
});

async function snapshotOf(database: Database): Promise<Buffer> {
  const snapshot = sqlDriverOf(database).snapshot;
  if (!snapshot) throw new Error('not an embedded database');
  const blob = await snapshot();
  return Buffer.from(await blob.arrayBuffer());
}
