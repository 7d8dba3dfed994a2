import pg from 'pg';
import type { ApiProcess } from '@carteria/testing';
import { checkHistory, type HistoryCheck } from '../history/history-checker.ts';
import { readFinalCarts, runHistoryWorkload, type HistoryRun } from '../history/history-workload.ts';
import { sellableProductIds } from '../support/catalog.ts';
import { startApiOn } from '../support/fault-api.ts';
import { countBy } from '../support/latency.ts';
import { newJwtSecret, signToken } from '../support/test-token.ts';

export interface ApiCrashOptions {
  /** An empty PostgreSQL database the api may migrate and write. */
  readonly databaseUrl: string;
  /** Writes in all. Default 1 000. */
  readonly operations?: number;
  /** The api is killed once this many writes have been answered. Default half of `operations`. */
  readonly killAfter?: number;
  readonly clients?: number;
}

export interface ApiCrashReport {
  readonly run: HistoryRun;
  /** The history check after the restart: acknowledged writes present, events explain every version. */
  readonly check: HistoryCheck;
  readonly outcomes: Readonly<Record<string, number>>;
  /** Writes in flight when the api was killed. */
  readonly inFlightAtKill: number;
  /** Straight from the tables: carts whose version, events and lines disagree. */
  readonly storageMismatches: readonly string[];
  readonly restartMs: number;
}

/**
 * `kill -9` of the api in the middle of concurrent writes, then a restart on the same database:
 * every acknowledged write must be there, no change half-applied, and the outbox (cart_events)
 * must hold one event per committed change, nothing else.
 */
export async function runApiCrash(options: ApiCrashOptions): Promise<ApiCrashReport> {
  const operations = options.operations ?? 1_000;
  const killAfter = options.killAfter ?? Math.floor(operations / 2);
  const secret = newJwtSecret();
  let api: ApiProcess | undefined = await startApiOn(options.databaseUrl, secret);
  try {
    const token = await signToken(secret);
    let inFlightAtKill = 0;
    const victim: ApiProcess = api;
    const run = await runHistoryWorkload({
      baseUrl: victim.baseUrl,
      token,
      operations,
      clients: options.clients ?? 20,
      carts: 5,
      productIds: sellableProductIds(6),
      timeoutMs: 5_000,
      onOperation: (_record, recorded) => {
        if (recorded === killAfter) {
          inFlightAtKill = (options.clients ?? 20) - 1;
          victim.child.kill('SIGKILL');
        }
      },
    });
    await victim.exited;
    const restartedAt = performance.now();
    api = await startApiOn(options.databaseUrl, secret);
    const restartMs = Math.round(performance.now() - restartedAt);
    const finals = await readFinalCarts({ baseUrl: api.baseUrl, token }, run.cartIds);
    return {
      run,
      check: checkHistory(run.records, finals),
      outcomes: countBy(run.records, (record) => (record.code ? `${record.status} ${record.code}` : String(record.status))),
      inFlightAtKill,
      storageMismatches: await storageMismatches(options.databaseUrl, run.cartIds),
      restartMs,
    };
  } finally {
    await api?.stop('SIGKILL');
  }
}

/** Carts whose row, lines and outbox disagree in the tables themselves (below the api). */
async function storageMismatches(databaseUrl: string, cartIds: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; version: number; events: string; max_sequence: number | null; lines: string; duplicate_lines: string }>(
      `SELECT c.id, c.version,
              (SELECT count(*) FROM cart_events e WHERE e.cart_id = c.id) AS events,
              (SELECT max(sequence) FROM cart_events e WHERE e.cart_id = c.id) AS max_sequence,
              (SELECT count(*) FROM cart_lines l WHERE l.cart_id = c.id) AS lines,
              (SELECT count(*) - count(DISTINCT product_id) FROM cart_lines l WHERE l.cart_id = c.id) AS duplicate_lines
       FROM carts c WHERE c.id = ANY($1::uuid[])`,
      [cartIds],
    );
    const problems: string[] = [];
    if (rows.length !== cartIds.length) problems.push(`${cartIds.length - rows.length} carts are missing`);
    for (const row of rows) {
      if (Number(row.events) !== row.version || row.max_sequence !== row.version) {
        problems.push(`cart ${row.id}: version ${row.version}, ${row.events} events up to ${row.max_sequence}`);
      }
      if (Number(row.duplicate_lines) !== 0) problems.push(`cart ${row.id}: a product on two lines`);
    }
    return problems;
  } finally {
    await client.end();
  }
}

export function formatCrashReport(report: ApiCrashReport): string {
  return [
    `[crash] kill -9 of the api in the middle of ${report.run.records.length} concurrent writes (${report.inFlightAtKill} in flight); restart on the same database took ${report.restartMs} ms`,
    `[crash]   outcomes: ${JSON.stringify(report.outcomes)}`,
    `[crash]   committed without an answer: ${report.check.committedWithoutAnswer}; history violations: ${report.check.violations.length}; storage mismatches: ${report.storageMismatches.length}`,
    ...report.check.violations.slice(0, 10).map((violation) => `  ${violation}`),
    ...report.storageMismatches.slice(0, 10).map((problem) => `  ${problem}`),
  ].join('\n');
}
