import type { Logger } from '@carteria/kernel';
import type { PrismaClient } from './generated/client.ts';

export type DatabaseEngine = 'postgres' | 'pglite';

export interface OpenDatabaseOptions {
  /** A `postgres://` or `postgresql://` URL selects a PostgreSQL server; none selects embedded PGlite. */
  readonly url?: string;
  /** Where PGlite keeps its files (created if missing); `memory://` for a throwaway in-memory database. */
  readonly dataDir: string;
  /**
   * A `dumpDataDir()` tarball (path) to start a new embedded database from instead of running initdb
   * (about 1 s instead of 4 on a small machine). Used only when `dataDir` does not exist yet or is
   * empty, and when the file exists; `npm install` writes one (tools/scripts/pglite-template.mjs).
   */
  readonly pgliteTemplate?: string;
  /** PostgreSQL only: the most connections the pool opens. Default 10. */
  readonly poolSize?: number;
  /** PostgreSQL only: the longest one statement, or one idle gap inside a transaction, may take. Default 10 000. */
  readonly statementTimeoutMs?: number;
  /**
   * PostgreSQL only: the longest opening one connection may take (TCP and the startup handshake).
   * Default 5 000; the service uses 500, so a server that accepts and then says nothing fails fast.
   */
  readonly connectTimeoutMs?: number;
  /**
   * PostgreSQL only: the longest a query waits for a pooled connection when all `poolSize` are lent
   * out. Default 10 000 (the service: 2 000).
   */
  readonly acquireTimeoutMs?: number;
  /**
   * PostgreSQL only: the longest the client waits for the answer to one query, enforced here and
   * not by the server (a stopped server enforces nothing). Past it the query fails and its
   * connection is closed, never reused. Default 10 000 (the service: 500). Keep it at or below
   * `statementTimeoutMs`.
   */
  readonly queryTimeoutMs?: number;
  /** Where errors of idle pooled connections are reported (they are otherwise dropped). */
  readonly logger?: Logger;
}

/** How a PostgreSQL connection pool is used right now (for the pool metrics). */
export interface PoolUsage {
  /** The most connections the pool opens. */
  readonly max: number;
  /** Connections open now, idle or lent out. */
  readonly open: number;
  readonly idle: number;
  /** Callers waiting for a connection. */
  readonly waiting: number;
}

/** An open database: the Prisma client to query it with, and its lifecycle. */
export interface Database {
  readonly prisma: PrismaClient;
  readonly engine: DatabaseEngine;
  /** Resolves when the database answers a trivial query; throws otherwise. */
  ping(): Promise<void>;
  /** The pool's use now; undefined for the embedded database, which has one connection and no pool. */
  poolUsage(): PoolUsage | undefined;
  /** Closes the client and every connection (or the embedded database). Safe to call twice. */
  close(): Promise<void>;
}
