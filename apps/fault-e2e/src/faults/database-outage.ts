import { setTimeout as delay } from 'node:timers/promises';
import type { ApiProcess } from '@carteria/testing';
import { checkHistory, type HistoryCheck } from '../history/history-checker.ts';
import { readFinalCarts, runHistoryWorkload, type HistoryRun } from '../history/history-workload.ts';
import type { OperationRecord } from '../history/history.types.ts';
import { sellableProductIds } from '../support/catalog.ts';
import { startApiOn } from '../support/fault-api.ts';
import { countBy, summarize, type LatencySummary } from '../support/latency.ts';
import { PostgresServer } from '../support/postgres-server.ts';
import { newJwtSecret, signToken } from '../support/test-token.ts';
import { pollReadiness, type ReadinessSample } from './readiness-probe.ts';

export type DatabaseFault = 'stop' | 'freeze';

export interface DatabaseOutageOptions {
  /** `stop`: pg_ctl stop -m immediate, then start. `freeze`: SIGSTOP of every server process, then SIGCONT. */
  readonly fault: DatabaseFault;
  /** How long the database stays down. Default 3 000 ms. */
  readonly outageMs?: number;
  /** Steady load: concurrent clients. Default 4. */
  readonly clients?: number;
  /** Load before the fault, and after the database is back. Defaults 2 000 and 7 000 ms. */
  readonly warmUpMs?: number;
  readonly afterMs?: number;
  /** Where PostgreSQL's binaries are. Default /usr/lib/postgresql/15/bin. */
  readonly postgresBin?: string;
  /** Extra api settings (e.g. DATABASE_POOL_SIZE). */
  readonly apiEnv?: Readonly<Record<string, string>>;
}

export interface DatabaseOutageReport {
  readonly fault: DatabaseFault;
  readonly outageMs: number;
  readonly run: HistoryRun;
  readonly check: HistoryCheck;
  /** Requests sent while the database was down (from the fault until it was back), by outcome. */
  readonly duringOutage: Readonly<Record<string, number>>;
  /** Their answer latency, and that of every request the run made. */
  readonly outageLatency: LatencySummary;
  readonly overallLatency: LatencySummary;
  /** 5xx answers that are not 503 problem+json DATABASE_UNAVAILABLE with a Retry-After of 1 or 2 s, and requests with no answer. */
  readonly malformedFailures: readonly OperationRecord[];
  /** Whether /readyz answered 503 while the database was down. */
  readonly readyzWentUnready: boolean;
  /** From the database being back to the first write answered 200 with no 5xx after it (ms). */
  readonly recoveryMs: number | undefined;
  /** From the database being back to /readyz answering 200 for good (ms). */
  readonly readyzRecoveryMs: number | undefined;
}

/**
 * Starts a PostgreSQL server and an api of its own, runs a steady write load (the history
 * workload), takes the database away (stop or freeze), brings it back, and checks that every
 * answer during the outage came fast and said so properly, that the service recovered on its own,
 * and that no acknowledged write is missing (the history check over the whole run).
 */
export async function runDatabaseOutage(options: DatabaseOutageOptions): Promise<DatabaseOutageReport> {
  const outageMs = options.outageMs ?? 3_000;
  const server = await PostgresServer.start(options.postgresBin === undefined ? {} : { binDir: options.postgresBin });
  let api: ApiProcess | undefined;
  try {
    const secret = newJwtSecret();
    api = await startApiOn(server.url(), secret, options.apiEnv ?? {});
    const token = await signToken(secret);
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const readiness = pollReadiness(api.baseUrl, finished);
    const workload = runHistoryWorkload({
      baseUrl: api.baseUrl,
      token,
      operations: Number.POSITIVE_INFINITY,
      clients: options.clients ?? 4,
      carts: 3,
      productIds: sellableProductIds(6),
      until: finished,
      timeoutMs: 5_000,
    });
    await delay(options.warmUpMs ?? 2_000);
    const faultAt = performance.now();
    await (options.fault === 'stop' ? server.crash() : server.freeze());
    await delay(outageMs);
    await (options.fault === 'stop' ? server.restart() : server.thaw());
    const backAt = performance.now();
    await delay(options.afterMs ?? 7_000);
    finish();
    const run = await workload;
    const samples = await readiness;
    const finals = await readFinalCarts({ baseUrl: api.baseUrl, token }, run.cartIds);
    // Everything on the workload's clock (it starts once its carts exist).
    const fault = faultAt - run.startedAt;
    const back = backAt - run.startedAt;
    const probes = samples.map((sample) => ({ ...sample, atMs: sample.atMs - run.startedAt }));
    const during = run.records.filter((record) => record.endedMs >= fault && record.startedMs <= back);
    return {
      fault: options.fault,
      outageMs: Math.round(back - fault),
      run,
      check: checkHistory(run.records, finals),
      duringOutage: countBy(during, (record) => (record.code ? `${record.status} ${record.code}` : String(record.status))),
      outageLatency: summarize(during.map((record) => record.endedMs - record.startedMs)),
      overallLatency: summarize(run.records.map((record) => record.endedMs - record.startedMs)),
      malformedFailures: run.records.filter((record) => record.status === 0 || (record.status >= 500 && !properlyUnavailable(record))),
      readyzWentUnready: probes.some((sample) => sample.atMs >= fault && sample.atMs <= back && sample.status === 503),
      recoveryMs: recoveredAfter(run.records, back),
      readyzRecoveryMs: readyAfter(probes, back),
    };
  } finally {
    await api?.stop('SIGKILL');
    await server.destroy();
  }
}

function properlyUnavailable(record: OperationRecord): boolean {
  return (
    record.status === 503 &&
    record.code === 'DATABASE_UNAVAILABLE' &&
    (record.contentType ?? '').startsWith('application/problem+json') &&
    ['1', '2'].includes(record.retryAfter ?? '')
  );
}

/** Time from `back` to the first request that started after it and got a 200, with no 5xx or lost answer afterwards. */
function recoveredAfter(records: readonly OperationRecord[], back: number): number | undefined {
  const lastFailure = Math.max(back, ...records.filter((r) => r.status === 0 || r.status >= 500).map((r) => r.startedMs));
  const firstGood = records.filter((r) => r.status === 200 && r.startedMs >= lastFailure).sort((a, b) => a.endedMs - b.endedMs)[0];
  return firstGood ? Math.round(firstGood.endedMs - back) : undefined;
}

function readyAfter(samples: readonly ReadinessSample[], back: number): number | undefined {
  const lastUnready = Math.max(back, ...samples.filter((sample) => sample.status !== 200).map((sample) => sample.atMs));
  const firstReady = samples.find((sample) => sample.status === 200 && sample.atMs > lastUnready);
  return firstReady ? Math.round(firstReady.atMs + firstReady.latencyMs - back) : undefined;
}

/** The figures to quote, one block of text. */
export function formatOutageReport(report: DatabaseOutageReport): string {
  return [
    `[faults] database ${report.fault} for ${report.outageMs} ms under ${new Set(report.run.records.map((r) => r.client)).size} clients: ${report.run.records.length} operations`,
    `[faults]   answers during the outage: ${JSON.stringify(report.duringOutage)}; latency ${JSON.stringify(report.outageLatency)}`,
    `[faults]   whole run latency: ${JSON.stringify(report.overallLatency)}`,
    `[faults]   /readyz 503 during the outage: ${report.readyzWentUnready}; ready again ${report.readyzRecoveryMs} ms after the database was back; writes recovered after ${report.recoveryMs} ms`,
    `[faults]   malformed failures: ${report.malformedFailures.length}; history violations: ${report.check.violations.length}; committed without an answer: ${report.check.committedWithoutAnswer}`,
    ...report.check.violations.slice(0, 10).map((violation) => `  ${violation}`),
    ...report.malformedFailures.slice(0, 5).map((record) => `  ${JSON.stringify(record)}`),
  ].join('\n');
}
