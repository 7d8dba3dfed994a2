// Child process of the benchmark: runs one scenario's load, a warm-up then the measured run, and
// prints the LoadResult as JSON on stdout. As fast as the server answers: autocannon, no pipelining.
// At a set rate: an open loop (./open-loop.ts). Usage: load-runner.ts '<LoadSpec JSON>'.
import { randomBytes } from 'node:crypto';
import autocannon, { type RequestShape } from 'autocannon';
import { measuringMark, quantile, type LoadResult, type LoadSpec } from './load-spec.ts';
import { benchToken } from '../servers/bench-token.ts';
import { ownerId } from './cart-ids.ts';
import { openLoopPool, runOpenLoop } from './open-loop.ts';
import { scenarioRequests } from './scenario-requests.ts';

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
// Each cart's shopper signs in with a token of their own, as many shoppers do.
const tokens = await Promise.all(Array.from({ length: spec.carts.count }, (_, index) => benchToken(ownerId(spec.carts.prefix, index + 1))));
const nextRequest = scenarioRequests(spec.scenario, spec.carts, tokens, randomBytes(6).toString('hex'));
const pool = spec.overallRate ? openLoopPool(spec.baseUrl, spec.connections) : undefined;

/** What a run returns besides the answers' statuses and latencies. */
interface RunTotals {
  readonly seconds: number;
  readonly errors: number;
  readonly timeouts: number;
  /** autocannon's p99 (1 ms resolution); open-loop latencies are already corrected for coordinated omission. */
  readonly p99Corrected?: number;
}

async function run(durationSeconds: number, onResponse?: (status: number, ms: number) => void): Promise<RunTotals> {
  if (pool && spec.overallRate) {
    return runOpenLoop({ pool, rate: spec.overallRate, seconds: durationSeconds, nextRequest, ...(onResponse ? { onResponse } : {}) });
  }
  const instance = autocannon({
    url: spec.baseUrl,
    connections: spec.connections,
    duration: durationSeconds,
    pipelining: 1,
    timeout: 10,
    requests: [{ setupRequest: (request: RequestShape) => ({ ...request, ...nextRequest() }) }],
  });
  if (onResponse) {
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => onResponse(status, ms));
  }
  const result = await instance;
  return { seconds: result.duration, errors: result.errors, timeouts: result.timeouts, p99Corrected: result.latency.p99 };
}

if (spec.warmupSeconds > 0) await run(spec.warmupSeconds);
process.stdout.write(`${measuringMark}\n`);

const samples: number[] = [];
const refusals: number[] = [];
const statusCodes: Record<string, number> = {};
const totals = await run(spec.durationSeconds, (status, ms) => {
  statusCodes[status] = (statusCodes[status] ?? 0) + 1;
  if (status >= 200 && status < 300) samples.push(ms);
  else if (status === 503) refusals.push(ms);
});
const sorted = Float64Array.from(samples).sort();
const refusedSorted = Float64Array.from(refusals).sort();
const answered = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
const measured: LoadResult = {
  requests: samples.length,
  seconds: totals.seconds,
  rps: samples.length / totals.seconds,
  p50: quantile(sorted, 0.5),
  p99: quantile(sorted, 0.99),
  p99Corrected: totals.p99Corrected ?? quantile(sorted, 0.99),
  non2xx: answered - samples.length,
  refused: { count: refusals.length, p50: quantile(refusedSorted, 0.5), p99: quantile(refusedSorted, 0.99) },
  errors: totals.errors,
  timeouts: totals.timeouts,
  statusCodes,
};
process.stdout.write(`${JSON.stringify(measured)}\n`);
await pool?.close();
