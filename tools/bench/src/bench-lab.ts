import path from 'node:path';
import { freePort, workspaceRoot } from '@carteria/testing';
import type { BenchOptions } from './bench-options.ts';
import { runLoad } from './load/load-run.ts';
import type { CartSet, ScenarioName } from './load/scenario-requests.ts';
import type { Measurement } from './report/bench-report.ts';
import type { BenchDatabase } from './servers/bench-database.ts';
import { benchSecret } from './servers/bench-token.ts';
import { ServerProcess } from './servers/server-process.ts';

export const nodeBinary = path.join(workspaceRoot, 'node_modules/.bin/node');
export const resultsDir = path.join(workspaceRoot, 'tools/bench/results');
const baselineMain = path.join(workspaceRoot, 'tools/bench/src/baseline-server.ts');

export interface RunShape {
  readonly warmupSeconds?: number;
  readonly seconds?: number;
  readonly rate?: number;
  /** Open connections (default: the run's --connections). */
  readonly connections?: number;
  /** Called when the warm-up is over and the measured run starts. */
  readonly onMeasuring?: () => void;
}

/** What every phase shares: the options, the database, and how to start and load servers. */
export class BenchLab {
  readonly options: BenchOptions;
  readonly database: BenchDatabase;
  readonly #runId: string;
  readonly #tracingEndpoint: string;

  constructor(options: BenchOptions, database: BenchDatabase, runId: string, tracingEndpoint: string) {
    this.options = options;
    this.database = database;
    this.#runId = runId;
    this.#tracingEndpoint = tracingEndpoint;
  }

  /**
   * The api with production settings: NODE_ENV=production, logs at info to a file, metrics on, and
   * spans exported over OTLP (to the run's sink), then `--api-env` and `env` on top.
   */
  async startApi(env: Readonly<Record<string, string>> = {}, nodeArgs: readonly string[] = []): Promise<ServerProcess> {
    return ServerProcess.start({
      name: 'api',
      script: this.options.apiMain,
      nodeArgs,
      env: {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        DATABASE_URL: this.database.url,
        AUTH_JWT_SECRET: benchSecret,
        OTEL_EXPORTER_OTLP_ENDPOINT: this.#tracingEndpoint,
        OTEL_SERVICE_NAME: 'carteria-bench',
        ...this.options.apiEnv,
        ...env,
      },
      port: await freePort(),
      logFile: path.join(resultsDir, `${this.#runId}-api.log`),
      cwd: workspaceRoot,
      nodeBinary,
    });
  }

  async startBaseline(env: Readonly<Record<string, string>> = {}): Promise<ServerProcess> {
    return ServerProcess.start({
      name: 'baseline',
      script: baselineMain,
      env: { NODE_ENV: 'production', HOST: '127.0.0.1', DATABASE_URL: this.database.url, AUTH_JWT_SECRET: benchSecret, ...env },
      port: await freePort(),
      logFile: path.join(resultsDir, `${this.#runId}-baseline.log`),
      cwd: workspaceRoot,
      nodeBinary,
    });
  }

  /** One run: reset the server's peak RSS, warm up, measure (in an autocannon child process), read the peak. */
  async measure(server: ServerProcess, scenario: ScenarioName, carts: CartSet, shape: RunShape = {}): Promise<Measurement> {
    await server.resetPeakRss();
    let cpuBefore: Promise<number | null> = Promise.resolve(null);
    let from = process.hrtime.bigint();
    const result = await runLoad(nodeBinary, {
      baseUrl: server.baseUrl,
      scenario,
      carts,
      connections: shape.connections ?? this.options.connections,
      warmupSeconds: shape.warmupSeconds ?? this.options.warmupSeconds,
      durationSeconds: shape.seconds ?? this.options.durationSeconds,
      ...(shape.rate === undefined ? {} : { overallRate: Math.max(1, Math.round(shape.rate)) }),
    }, () => {
      from = process.hrtime.bigint();
      cpuBefore = server.cpuMs();
      shape.onMeasuring?.();
    });
    const to = process.hrtime.bigint();
    const [before, after] = [await cpuBefore, await server.cpuMs()];
    const cpuUsPerRequest = before !== null && after !== null && result.requests > 0 ? ((after - before) * 1000) / result.requests : null;
    const measuredUs = [Number(from / 1000n), Number(to / 1000n)] as const;
    const measurement = { ...result, peakRssMiB: await server.peakRssMiB(), cpuUsPerRequest, measuredUs };
    log(
      `  ${server.name.padEnd(8)} ${scenario.padEnd(4)} ${fixed(measurement.rps, 0).padStart(6)} req/s  p50 ${fixed(measurement.p50, 2)} ms  p99 ${fixed(measurement.p99, 2)} ms  cpu ${fixed(measurement.cpuUsPerRequest, 0)} µs/req` +
        (measurement.non2xx + measurement.errors > 0 ? `  failed ${measurement.non2xx + measurement.errors} ${JSON.stringify(measurement.statusCodes)}` : ''),
    );
    return measurement;
  }
}

function fixed(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

/** Progress goes to stderr, so stdout carries only the table. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
