import type { LoadResult } from '../load/load-spec.ts';
import type { ScenarioName } from '../load/scenario-requests.ts';

/** One measured run on one server, with the server's peak RSS over the run (warm-up included). */
export interface Measurement extends LoadResult {
  readonly peakRssMiB: number | null;
  /** The server process's CPU time (user + system) per 2xx answer over the measured run, in µs. */
  readonly cpuUsPerRequest: number | null;
  /** When the measured run began and ended, in µs of the monotonic clock (as CPU profiles count time). */
  readonly measuredUs?: readonly [number, number];
}

/** The baseline and the api: two servers, or their measurements. */
export interface Pair<T = Measurement> {
  readonly baseline: T;
  readonly api: T;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly seconds: number;
  readonly host: {
    readonly cpus: number;
    readonly loadAverageBefore: readonly number[];
    readonly loadAverageAfter: readonly number[];
    readonly node: string;
    readonly postgres: string;
  };
  readonly settings: {
    readonly connections: number;
    readonly warmupSeconds: number;
    readonly durationSeconds: number;
    readonly sweepSeconds: number;
    readonly quick: boolean;
    readonly apiEnv: Readonly<Record<string, string>>;
    readonly apiMain: string;
    /** What the api's span exporter sent to the run's OTLP sink, over the whole run. */
    readonly otlpReceived: { readonly requests: number; readonly bytes: number };
  };
  /** Time from `npm start` (embedded database, fresh data directory) to `/readyz` 200. */
  readonly embeddedReadyMs?: number;
  readonly scenarios: readonly ({ readonly scenario: ScenarioName } & Pair)[];
  /** Both servers held at 70 % of the baseline's max rate. */
  readonly atRate: readonly ({ readonly scenario: ScenarioName; readonly rate: number } & Pair)[];
  readonly lines: readonly ({ readonly lines: number } & Pair)[];
  readonly carts: readonly { readonly carts: number; readonly api: Measurement }[];
  readonly pools: readonly { readonly pool: number; readonly api: Measurement }[];
  /**
   * GET offered by an open loop at rising rates, past the api's capacity: its overload curve, and the
   * closed-loop GET run it is judged against (./overload.ts). The closed loop (the run's connections,
   * each sending as soon as its answer came) is the latency at capacity: the api serving at full
   * speed a load that waits for it. An open loop has no such point: at capacity its queue grows
   * without bound.
   */
  readonly overload?: { readonly closedLoop: OverloadRun; readonly steps: readonly OverloadStep[] };
  /** The api with extra env (e.g. observability off) against the api as configured. */
  readonly variant?: {
    readonly env: Readonly<Record<string, string>>;
    readonly scenarios: readonly { readonly scenario: ScenarioName; readonly on: Measurement; readonly off: Measurement }[];
  };
}

/** A GET run on the api, with the latency of what it served as its own histogram saw it (ms, interpolated). */
export interface OverloadRun {
  readonly api: Measurement;
  readonly served: { readonly p50: number; readonly p99: number };
}

/** One rate of the overload curve: what was offered, what was served and how fast, what was refused. */
export interface OverloadStep extends OverloadRun {
  readonly offeredRate: number;
}

export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  /** null: not measured in this run. */
  readonly pass: boolean | null;
}
