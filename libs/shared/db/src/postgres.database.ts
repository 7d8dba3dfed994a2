import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Database, OpenDatabaseOptions } from './database.ts';
import { PrismaClient } from './generated/client.ts';
import { databaseWithDriver, type SqlDriver, type SqlExecutor, type SqlSession } from './sql-session.ts';

type PostgresOptions = Required<Pick<OpenDatabaseOptions, 'url' | 'poolSize' | 'statementTimeoutMs' | 'connectTimeoutMs'>> &
  Pick<OpenDatabaseOptions, 'logger'>;

/** A PostgreSQL server through a bounded `pg` pool, so that no request waits forever on the database. */
export function openPostgres(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    idle_in_transaction_session_timeout: options.statementTimeoutMs,
    keepAlive: true,
    application_name: 'carteria',
  });
  // An idle pooled connection that breaks emits 'error'; unhandled, that would end the process.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle database connection failed'));
  const adapter = new PrismaPg(pool, {
    onConnectionError: (error) => options.logger?.warn({ err: error }, 'database connection failed during a transaction'),
  });
  const prisma = new PrismaClient({ adapter });

  let closing: Promise<void> | undefined;
  const database: Database = {
    prisma,
    engine: 'postgres',
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    poolUsage: () => ({ max: options.poolSize, open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close() {
      closing ??= prisma.$disconnect().finally(() => pool.end());
      return closing;
    },
  };
  return databaseWithDriver(database, postgresDriver(options));
}

/** Dedicated sessions open a connection of their own: migrations may run longer than a request may. */
function postgresDriver(options: PostgresOptions): SqlDriver {
  return {
    async withDedicatedSession(work) {
      const client = new pg.Client({
        connectionString: options.url,
        connectionTimeoutMillis: options.connectTimeoutMs,
        keepAlive: true,
        application_name: 'carteria-migrate',
      });
      // A broken connection also rejects the pending query; the event alone must not end the process.
      client.on('error', (error) => options.logger?.warn({ err: error }, 'database session connection failed'));
      await client.connect();
      try {
        return await work(sessionOf(client));
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

function executorOf(client: pg.Client): SqlExecutor {
  return {
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query<Row>(sql, [...params]);
      return result.rows;
    },
    async execScript(script) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await client.query(script);
    },
  };
}

function sessionOf(client: pg.Client): SqlSession {
  const executor = executorOf(client);
  return {
    ...executor,
    async transaction(work) {
      await client.query('BEGIN');
      try {
        const result = await work(executor);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
}
