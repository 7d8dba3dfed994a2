import type { Database, OpenDatabaseOptions } from './database.ts';
import { DatabaseOptionsError } from './database.errors.ts';
import { openPglite } from './pglite.database.ts';
import { openPostgres } from './postgres.database.ts';

const defaults = { poolSize: 10, statementTimeoutMs: 10_000, connectTimeoutMs: 5_000 } as const;

/**
 * Opens the database the options describe: PostgreSQL for a `postgres://` URL, else embedded PGlite
 * in `dataDir`. It does not migrate: call migrate() next.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const poolSize = positiveInteger('poolSize', options.poolSize ?? defaults.poolSize);
  const statementTimeoutMs = positiveInteger('statementTimeoutMs', options.statementTimeoutMs ?? defaults.statementTimeoutMs);
  const connectTimeoutMs = positiveInteger('connectTimeoutMs', options.connectTimeoutMs ?? defaults.connectTimeoutMs);
  const url = options.url;
  if (url === undefined || url === '') {
    if (options.dataDir === '') throw new DatabaseOptionsError('dataDir must name a directory (or memory://).');
    return openPglite(options.dataDir);
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new DatabaseOptionsError('The database URL must start with postgres:// or postgresql://.');
  }
  return openPostgres({ url, poolSize, statementTimeoutMs, connectTimeoutMs, logger: options.logger });
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new DatabaseOptionsError(`${name} must be a positive integer.`);
  return value;
}
