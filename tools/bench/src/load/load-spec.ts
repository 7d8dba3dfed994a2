import type { CartSet, ScenarioName } from './scenario-requests.ts';

/** One load run, as the parent hands it to the autocannon child process. */
export interface LoadSpec {
  readonly baseUrl: string;
  readonly scenario: ScenarioName;
  readonly carts: CartSet;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  /** Requests per second, sent by an open loop (./open-loop.ts); unset means as fast as the server answers. */
  readonly overallRate?: number;
}

/** What one measured run (after its warm-up) found. Latencies in milliseconds. */
export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  /** 2xx answers per second. */
  readonly rps: number;
  /** Percentiles of 2xx response times, from every sample (sub-millisecond resolution). */
  readonly p50: number;
  readonly p99: number;
  /** p99 corrected for coordinated omission: autocannon's (1 ms resolution), or the open loop's (from due time). */
  readonly p99Corrected: number;
  readonly non2xx: number;
  /** 503 answers (the api's admission control refusing): how many, and how fast (ms). */
  readonly refused: { readonly count: number; readonly p50: number; readonly p99: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Readonly<Record<string, number>>;
}

/** The runner's stdout line that says the warm-up is over. */
export const measuringMark = 'measuring';

/** The value at quantile `q` (0..1) of ascending `sorted`, nearest-rank; NaN when empty. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
