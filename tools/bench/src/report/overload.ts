import type { BenchReport, OverloadRun, OverloadStep } from './bench-report.ts';

/** What the overload curve says: the api's capacity, its latency there, and how it fared at twice that. */
export interface OverloadVerdict {
  /** The most the api served (goodput): in the closed-loop run or at any offered rate. */
  readonly capacityRps: number;
  /**
   * The latency reference: the closed-loop GET run (the run's connections, each sending as soon as
   * its answer came), the api serving at full speed a load that waits for it. An open loop has no
   * such point: at its capacity, its queue grows without bound.
   */
  readonly atCapacity: OverloadRun;
  /** The first step offered at least twice the capacity; undefined when the curve did not reach it. */
  readonly atTwice: OverloadStep | undefined;
}

export function judgeOverload(overload: NonNullable<BenchReport['overload']>): OverloadVerdict {
  const capacityRps = Math.max(overload.closedLoop.api.rps, ...overload.steps.map((step) => step.api.rps));
  const atTwice = overload.steps.find((step) => step.offeredRate >= 2 * capacityRps);
  return { capacityRps, atCapacity: overload.closedLoop, atTwice };
}
