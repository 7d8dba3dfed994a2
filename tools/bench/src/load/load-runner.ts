// Child process of the benchmark: runs autocannon (no pipelining) for one scenario, a warm-up then
// the measured run, and prints the LoadResult as JSON on stdout. Usage: load-runner.ts '<LoadSpec JSON>'.
import { randomBytes } from 'node:crypto';
import autocannon, { type Instance, type RequestShape } from 'autocannon';
import { measuringMark, quantile, type LoadResult, type LoadSpec } from './load-spec.ts';
import { benchToken } from '../servers/bench-token.ts';
import { ownerId } from './cart-ids.ts';
import { scenarioRequests } from './scenario-requests.ts';

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
// Each cart's shopper signs in with a token of their own, as many shoppers do.
const tokens = await Promise.all(Array.from({ length: spec.carts.count }, (_, index) => benchToken(ownerId(spec.carts.prefix, index + 1))));
const nextRequest = scenarioRequests(spec.scenario, spec.carts, tokens, randomBytes(6).toString('hex'));

function run(durationSeconds: number, onResponse?: (status: number, ms: number) => void): Instance {
  const instance = autocannon({
    url: spec.baseUrl,
    connections: spec.connections,
    duration: durationSeconds,
    pipelining: 1,
    timeout: 10,
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
    requests: [{ setupRequest: (request: RequestShape) => ({ ...request, ...nextRequest() }) }],
  });
  if (onResponse) {
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => onResponse(status, ms));
  }
  return instance;
}

if (spec.warmupSeconds > 0) await run(spec.warmupSeconds);
process.stdout.write(`${measuringMark}\n`);

const samples: number[] = [];
const refusals: number[] = [];
const result = await run(spec.durationSeconds, (status, ms) => {
  if (status >= 200 && status < 300) samples.push(ms);
  else if (status === 503) refusals.push(ms);
});
const sorted = Float64Array.from(samples).sort();
const refusedSorted = Float64Array.from(refusals).sort();
const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count]));
const measured: LoadResult = {
  requests: samples.length,
  seconds: result.duration,
  rps: samples.length / result.duration,
  p50: quantile(sorted, 0.5),
  p99: quantile(sorted, 0.99),
  p99Corrected: result.latency.p99,
  non2xx: result.non2xx,
  refused: { count: refusals.length, p50: quantile(refusedSorted, 0.5), p99: quantile(refusedSorted, 0.99) },
  errors: result.errors,
  timeouts: result.timeouts,
  statusCodes,
};
process.stdout.write(`${JSON.stringify(measured)}\n`);
