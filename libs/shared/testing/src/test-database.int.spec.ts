import pg from 'pg';
import { createPostgresDatabaseUrl, createTestDatabase, postgresAvailable } from './test-database.ts';

const cart = {
  id: '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11',
  currency: 'EUR',
  createdAt: new Date('2026-11-21T10:00:00.000Z'),
  updatedAt: new Date('2026-11-21T10:00:00.000Z'),
};

describe('createTestDatabase on PGlite', () => {
  it('gives each call a database of its own, migrated and empty', async () => {
    const first = await createTestDatabase({ engine: 'pglite' });
    const second = await createTestDatabase({ engine: 'pglite' });
    try {
      expect(first.database.engine).toBe('pglite');
      expect(first.url).toBeUndefined();
      await first.database.prisma.cart.create({ data: cart });
      expect(await first.database.prisma.cart.count()).toBe(1);
      expect(await second.database.prisma.cart.count()).toBe(0);
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });
});

(postgresAvailable() ? describe : describe.skip)('PostgreSQL test databases (skipped unless TEST_DATABASE_URL is set)', () => {
  async function databaseExists(name: string): Promise<boolean> {
    const client = new pg.Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await client.connect();
    try {
      const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      return result.rowCount === 1;
    } finally {
      await client.end();
    }
  }

  it('creates a migrated, randomly named database and drops it on dispose', async () => {
    const test = await createTestDatabase({ engine: 'postgres' });
    const name = new URL(test.url ?? '').pathname.slice(1);
    expect(name).toMatch(/^carteria_test_[0-9a-f]{32}$/);
    await test.database.prisma.cart.create({ data: cart });
    expect(await test.database.prisma.cart.count()).toBe(1);

    await test.dispose();
    expect(await databaseExists(name)).toBe(false);
  });

  it('creates an empty database for a process to migrate, and drops it even while connected', async () => {
    const scratch = await createPostgresDatabaseUrl();
    const name = new URL(scratch.url).pathname.slice(1);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    client.on('error', () => undefined); // the drop ends this connection
    const tables = await client.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.rowCount).toBe(0);

    await scratch.dispose();
    await scratch.dispose();
    expect(await databaseExists(name)).toBe(false);
    await client.end().catch(() => undefined);
  });
});
