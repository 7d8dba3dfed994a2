import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Database, OpenDatabaseOptions } from './database.ts';
import { rethrowUnavailable } from './database-unavailable.ts';
import { PrismaClient } from './generated/client.ts';
import { databaseWithDriver, type SqlDriver, type SqlExecutor, type SqlSession } from './sql-session.ts';

type PostgresOptions = Required<
  Pick<OpenDatabaseOptions, 'url' | 'poolSize' | 'statementTimeoutMs' | 'connectTimeoutMs' | 'acquireTimeoutMs' | 'queryTimeoutMs'>
> &
  Pick<OpenDatabaseOptions, 'logger'>;

/**
 * A PostgreSQL server through a bounded `pg` pool, so that no request waits forever on the database:
 * waiting for a pooled connection, opening one, and each query's answer are bounded on the client,
 * because a server that is stopped or frozen enforces none of its own timeouts.
 */
export function openPostgres(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    // The pool waits this long for a connection to be lent; each new one opens within connectTimeoutMs.
    connectionTimeoutMillis: options.acquireTimeoutMs,
    Client: clientOpeningWithin(options.connectTimeoutMs),
    query_timeout: options.queryTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    idle_in_transaction_session_timeout: options.statementTimeoutMs,
    keepAlive: true,
    application_name: 'carteria',
  });
  // An idle pooled connection that breaks emits 'error'; unhandled, that would end the process.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle database connection failed'));
  pool.on('connect', closeOnQueryTimeout);
  const adapter = new PrismaPg(pool, {
    onConnectionError: (error) => options.logger?.warn({ err: error }, 'database connection failed during a transaction'),
  });
  const prisma = new PrismaClient({ adapter });

  let closing: Promise<void> | undefined;
  const database: Database = {
    prisma,
    engine: 'postgres',
    async ping() {
      await prisma.$queryRaw`SELECT 1`.catch(rethrowUnavailable);
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
        // Migrations run at start, when a slow first connection is no reason to give up.
        connectionTimeoutMillis: Math.max(options.connectTimeoutMs, 5_000),
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

/** pg clients whose connection attempt (TCP and startup handshake) gives up after `timeoutMs`. */
function clientOpeningWithin(timeoutMs: number): new (config?: string | pg.ClientConfig) => pg.Client {
  return class extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(typeof config === 'string' ? { connectionString: config, connectionTimeoutMillis: timeoutMs } : { ...config, connectionTimeoutMillis: timeoutMs });
    }
  };
}

/**
 * pg leaves a connection whose query timed out (query_timeout) as it is: the query is still running,
 * or the server is frozen, and the next query on that connection would queue behind it. Such a
 * connection is closed (end() destroys the socket of a busy client), so the pool drops it and a
 * ROLLBACK on it fails at once instead of waiting another timeout.
 */
function closeOnQueryTimeout(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const watched = (...args: unknown[]): unknown => {
    const result = query(...args);
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        if (error instanceof Error && error.message === 'Query read timeout') void client.end().catch(() => undefined);
      });
    }
    return result;
  };
  client.query = watched as typeof client.query;
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
