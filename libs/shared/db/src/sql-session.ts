import type { Database } from './database.ts';

/**
 * Plain SQL on one connection, below Prisma. The migration runner needs it because a migration
 * script holds several statements (Prisma's raw queries take one) and the advisory lock must stay
 * on one connection for the whole run.
 */
export interface SqlExecutor {
  query<Row extends object>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of any number of statements, without parameters. */
  execScript(script: string): Promise<void>;
}

export interface SqlSession extends SqlExecutor {
  /** Runs `work` in one transaction on this session: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export interface SqlDriver {
  /**
   * Runs `work` on a connection of its own, not shared with the Prisma pool and without the
   * pool's statement timeout. Sessions of one Database run one after the other.
   */
  withDedicatedSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** PGlite only: a tarball of the whole database, from which openPglite() can start a copy. */
  snapshot?(): Promise<Blob>;
}

const sqlDriverKey = Symbol('carteria.db.sqlDriver');

interface DatabaseWithDriver extends Database {
  readonly [sqlDriverKey]: SqlDriver;
}

/** Attaches the driver to a Database without making it part of the public shape. */
export function databaseWithDriver(database: Database, driver: SqlDriver): Database {
  const withDriver: DatabaseWithDriver = { ...database, [sqlDriverKey]: driver };
  return withDriver;
}

function hasDriver(database: Database): database is DatabaseWithDriver {
  return sqlDriverKey in database;
}

export function sqlDriverOf(database: Database): SqlDriver {
  if (!hasDriver(database)) throw new TypeError('This Database was not made by openDatabase().');
  return database[sqlDriverKey];
}
