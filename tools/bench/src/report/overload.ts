import type { BenchReport, OverloadStep } from './bench-report.ts';

/** What the overload curve says: the api's capacity, and the step offered twice that. */
export interface OverloadVerdict {
  /** The most the api served (goodput): in the closed-loop run or at any offered rate. */
  readonly capacityRps: number;
  /** The first step offered at least twice the capacity; undefined when the curve did not reach it. */
  readonly atTwice: OverloadStep | undefined;
}

export function judgeOverload(overload: NonNullable<BenchReport['overload']>): OverloadVerdict {
  const capacityRps = Math.max(overload.closedLoop.api.rps, ...overload.steps.map((step) => step.api.rps));
  const atTwice = overload.steps.find((step) => step.offeredRate >= 2 * capacityRps);
  return { capacityRps, atTwice };
}
