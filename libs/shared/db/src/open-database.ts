import { readdir, readFile } from 'node:fs/promises';
import type { Database, OpenDatabaseOptions } from './database.ts';
import { DatabaseOptionsError } from './database.errors.ts';
import { openPglite } from './pglite.database.ts';
import { openPostgres } from './postgres.database.ts';

/**
 * Patient defaults, for tools and tests; the service passes its own fail-fast values
 * (apps/api/src/config.ts: connect 500 ms, acquire 2 s, query 500 ms).
 */
const defaults = {
  poolSize: 10,
  statementTimeoutMs: 10_000,
  connectTimeoutMs: 5_000,
  acquireTimeoutMs: 10_000,
  queryTimeoutMs: 10_000,
} as const;

/**
 * Opens the database the options describe: PostgreSQL for a `postgres://` URL, else embedded PGlite
 * in `dataDir`. It does not migrate: call migrate() next.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const poolSize = positiveInteger('poolSize', options.poolSize ?? defaults.poolSize);
  const statementTimeoutMs = positiveInteger('statementTimeoutMs', options.statementTimeoutMs ?? defaults.statementTimeoutMs);
  const connectTimeoutMs = positiveInteger('connectTimeoutMs', options.connectTimeoutMs ?? defaults.connectTimeoutMs);
  const acquireTimeoutMs = positiveInteger('acquireTimeoutMs', options.acquireTimeoutMs ?? defaults.acquireTimeoutMs);
  const queryTimeoutMs = positiveInteger('queryTimeoutMs', options.queryTimeoutMs ?? defaults.queryTimeoutMs);
  const url = options.url;
  if (url === undefined || url === '') {
    if (options.dataDir === '') throw new DatabaseOptionsError('dataDir must name a directory (or memory://).');
    return openPglite(options.dataDir, await templateFor(options.dataDir, options.pgliteTemplate));
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new DatabaseOptionsError('The database URL must start with postgres:// or postgresql://.');
  }
  return openPostgres({
    url,
    poolSize,
    statementTimeoutMs,
    connectTimeoutMs,
    acquireTimeoutMs,
    queryTimeoutMs,
    logger: options.logger,
  });
}

/** The template, when there is one and the data directory is new; a fresh directory only. */
async function templateFor(dataDir: string, templateFile: string | undefined): Promise<Blob | undefined> {
  if (!templateFile || dataDir.startsWith('memory://')) return undefined;
  const existing = await readdir(dataDir).catch(() => []);
  if (existing.length > 0) return undefined;
  const template = await readFile(templateFile).catch(() => undefined);
  return template ? new Blob([template]) : undefined;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new DatabaseOptionsError(`${name} must be a positive integer.`);
  return value;
}
