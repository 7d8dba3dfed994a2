import path from 'node:path';
import { parseArgs } from 'node:util';
import { workspaceRoot } from '@carteria/testing';

export const phases = ['startup', 'rate', 'lines', 'overload', 'variant', 'pools', 'carts'] as const;
export type Phase = (typeof phases)[number];

export interface BenchOptions {
  /** A PostgreSQL server URL (superuser): the run makes a fresh database there and drops it after. */
  readonly serverUrl: string;
  readonly quick: boolean;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  readonly sweepSeconds: number;
  readonly lines: readonly number[];
  readonly carts: readonly number[];
  readonly pools: readonly number[];
  readonly skip: ReadonlySet<Phase>;
  /** Extra environment for every api started (e.g. tracing settings). */
  readonly apiEnv: Readonly<Record<string, string>>;
  /** GET and add run again on an api with this env added: observability off (OTEL_SDK_DISABLED=true) unless given. */
  readonly variantEnv: Readonly<Record<string, string>>;
  /** The api entry to run: another checkout's main.ts measures a change before and after. */
  readonly apiMain: string;
  readonly profile: boolean;
  readonly updateDocs: boolean;
  readonly keepDatabase: boolean;
}

export const usage = `npm run bench -- [options]
  --quick                  short runs and small sweeps (CI smoke, about a minute)
  --connections <n>        concurrent connections (10)
  --warmup <s>             warm-up seconds per run (2; quick 1)
  --duration <s>           measured seconds per scenario run (5; quick 2)
  --sweep-duration <s>     measured seconds per sweep point (4; quick 2)
  --lines <list>           lines per cart sweep (1,10,100; quick 1,100)
  --carts <list>           carts stored sweep (1000,100000,1000000; quick 1000,10000)
  --pools <list>           DATABASE_POOL_SIZE sweep (2,5,10,20; quick 2,10)
  --skip <list>            leave out phases: ${phases.join(',')}
  --api-env KEY=VALUE      extra env for every api started (repeatable)
  --variant-env KEY=VALUE  the env of the variant api that GET and add are compared with (repeatable;
                           default OTEL_SDK_DISABLED=true, i.e. tracing off: the observability ratio)
  --api-main <file>        the api entry point (apps/api/src/main.ts): point it at another checkout to measure before/after
  --profile                instead of the benchmark: CPU-profile the api under GET and add, print top self time
  --update-docs            rewrite the measured section of docs/performance.md
  --keep-database          do not drop the benchmark database
The server comes from BENCH_DATABASE_URL or TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).`;

/** Reads the command line and environment; throws a one-line reason on a bad value. */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      duration: { type: 'string' },
      'sweep-duration': { type: 'string' },
      lines: { type: 'string' },
      carts: { type: 'string' },
      pools: { type: 'string' },
      skip: { type: 'string' },
      'api-env': { type: 'string', multiple: true },
      'variant-env': { type: 'string', multiple: true },
      'api-main': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'update-docs': { type: 'boolean', default: false },
      'keep-database': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const serverUrl = env['BENCH_DATABASE_URL'] || env['TEST_DATABASE_URL'];
  if (!serverUrl || !/^postgres(ql)?:\/\//.test(serverUrl)) {
    throw new Error('Set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server URL (postgres://...).');
  }
  const quick = values.quick;
  const skip = list(values.skip, []).map((phase) => {
    if (!(phases as readonly string[]).includes(phase)) throw new Error(`--skip: unknown phase ${phase} (${phases.join(', ')})`);
    return phase as Phase;
  });
  return {
    serverUrl,
    quick,
    connections: positive('connections', values.connections, 10),
    warmupSeconds: positive('warmup', values.warmup, quick ? 1 : 2),
    durationSeconds: positive('duration', values.duration, quick ? 2 : 5),
    sweepSeconds: positive('sweep-duration', values['sweep-duration'], quick ? 2 : 4),
    lines: numbers('lines', values.lines, quick ? [1, 100] : [1, 10, 100]),
    carts: numbers('carts', values.carts, quick ? [1000, 10_000] : [1000, 100_000, 1_000_000]),
    pools: numbers('pools', values.pools, quick ? [2, 10] : [2, 5, 10, 20]),
    skip: new Set(skip),
    apiEnv: envPairs('api-env', values['api-env']),
    variantEnv: values['variant-env'] ? envPairs('variant-env', values['variant-env']) : { OTEL_SDK_DISABLED: 'true' },
    apiMain: path.resolve(values['api-main'] ?? path.join(workspaceRoot, 'apps/api/src/main.ts')),
    profile: values.profile,
    updateDocs: values['update-docs'],
    keepDatabase: values['keep-database'],
  };
}

function list(value: string | undefined, fallback: readonly string[]): string[] {
  return value === undefined ? [...fallback] : value.split(',').map((each) => each.trim()).filter(Boolean);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a whole number of at least 1, got ${value}`);
  return parsed;
}

function numbers(name: string, value: string | undefined, fallback: readonly number[]): number[] {
  if (value === undefined) return [...fallback];
  const parsed = list(value, []).map((each) => positive(name, each, 0));
  if (parsed.length === 0) throw new Error(`--${name} needs at least one number`);
  return parsed;
}

function envPairs(name: string, pairs: readonly string[] | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(pair);
    if (!match?.[1]) throw new Error(`--${name} takes KEY=VALUE, got ${pair}`);
    env[match[1]] = match[2] ?? '';
  }
  return env;
}
