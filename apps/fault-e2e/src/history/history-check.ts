import { countBy } from '../support/latency.ts';
import { sellableProductIds } from '../support/catalog.ts';
import { checkHistory, type HistoryCheck } from './history-checker.ts';
import { readFinalCarts, runHistoryWorkload, type HistoryRun, type HistoryWorkloadOptions } from './history-workload.ts';
import type { FinalCart } from './history.types.ts';

export type HistoryCheckOptions = Omit<HistoryWorkloadOptions, 'productIds'> & {
  /** Default: the first 6 sellable products of the embedded catalog. */
  readonly productIds?: readonly string[];
};

export interface HistoryReport {
  readonly run: HistoryRun;
  readonly finals: readonly FinalCart[];
  readonly check: HistoryCheck;
  /** Operations by outcome: `"200"`, `"412 CART_VERSION_MISMATCH"`, `"0"` (no answer), ... */
  readonly outcomes: Readonly<Record<string, number>>;
  /** Operations by kind and If-Match: `"add"`, `"add If-Match"`, ... */
  readonly kinds: Readonly<Record<string, number>>;
}

/**
 * The whole Jepsen-style check against one base URL (an api, or a load balancer in front of
 * several): run the workload, read every cart and its events back, check the history.
 */
export async function runHistoryCheck(options: HistoryCheckOptions): Promise<HistoryReport> {
  const run = await runHistoryWorkload({ ...options, productIds: options.productIds ?? sellableProductIds(6) });
  const finals = await readFinalCarts(options, run.cartIds);
  const check = checkHistory(run.records, finals);
  return {
    run,
    finals,
    check,
    outcomes: countBy(run.records, (record) => (record.code ? `${record.status} ${record.code}` : String(record.status))),
    kinds: countBy(run.records, (record) => (record.ifMatch === undefined ? record.kind : `${record.kind} If-Match`)),
  };
}

/** The figures to quote, one block of text. */
export function formatHistoryReport(label: string, report: HistoryReport): string {
  const { run, check, finals } = report;
  const seconds = run.elapsedMs / 1000;
  return [
    `[history] ${label}: ${run.records.length} operations by ${new Set(run.records.map((r) => r.client)).size} clients on ${run.cartIds.length} carts in ${seconds.toFixed(1)} s (${Math.round(run.records.length / seconds)} ops/s), seed ${run.seed}`,
    `[history]   outcomes: ${JSON.stringify(report.outcomes)}`,
    `[history]   kinds: ${JSON.stringify(report.kinds)}`,
    `[history]   final versions: ${finals.map((final) => final.version).join(', ')}; events checked: ${finals.reduce((sum, final) => sum + final.events.length, 0)}; 200 no-ops: ${check.noOps}; committed without an answer: ${check.committedWithoutAnswer}`,
    `[history]   violations: ${check.violations.length}${check.violations.length ? `\n  ${check.violations.slice(0, 20).join('\n  ')}` : ''}`,
  ].join('\n');
}
