import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Database } from './database.ts';
import { PrismaClient } from './generated/client.ts';
import { databaseWithDriver, type SqlDriver, type SqlExecutor } from './sql-session.ts';

const inMemory = 'memory://';

/**
 * Embedded PostgreSQL (WebAssembly) persisted in `dataDir`, or in memory for `memory://`.
 * `template` (a `dumpDataDir()` tarball) starts a new database as a copy of another, skipping initdb.
 */
export async function openPglite(dataDir: string, template?: Blob): Promise<Database> {
  if (!dataDir.startsWith(inMemory)) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, ...(template ? { loadDataDir: template } : {}) });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });

  let closing: Promise<void> | undefined;
  const database: Database = {
    prisma,
    engine: 'pglite',
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    poolUsage: () => undefined,
    close() {
      closing ??= prisma.$disconnect().finally(() => (pglite.closed ? undefined : pglite.close()));
      return closing;
    },
  };
  return databaseWithDriver(database, pgliteDriver(pglite));
}

/**
 * PGlite has one connection. PostgreSQL's advisory locks are re-entrant within a session, so they
 * cannot keep two runs in this process apart: dedicated sessions are queued here instead.
 */
function pgliteDriver(pglite: PGlite): SqlDriver {
  let queue: Promise<unknown> = Promise.resolve();
  const executor = executorOf(pglite);
  return {
    withDedicatedSession(work) {
      const run = queue.then(() =>
        work({
          ...executor,
          transaction: (inner) => pglite.transaction((tx) => inner(executorOf(tx))),
        }),
      );
      queue = run.catch(() => undefined);
      return run;
    },
    async snapshot() {
      return pglite.dumpDataDir('none');
    },
  };
}

function executorOf(client: PGlite | Transaction): SqlExecutor {
  return {
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query<Row>(sql, [...params]);
      return result.rows;
    },
    async execScript(script) {
      await client.exec(script);
    },
  };
}
