import type { BenchReport, Measurement } from './bench-report.ts';
import { renderMarkdown } from './markdown.ts';
import { checkTargets } from './targets.ts';

function run(rps: number, p50: number, p99 = p50 * 3): Measurement {
  return { requests: rps * 5, seconds: 5, rps, p50, p99, p99Corrected: p99, non2xx: 0, refused: { count: 0, p50: Number.NaN, p99: Number.NaN }, errors: 0, timeouts: 0, statusCodes: { 200: rps * 5 }, peakRssMiB: 100, cpuUsPerRequest: 1_000_000 / rps };
}

const report: BenchReport = {
  startedAt: '2026-11-22T00:00:00.000Z',
  seconds: 240,
  host: { cpus: 2, loadAverageBefore: [1, 1, 1], loadAverageAfter: [2, 2, 2], node: '24.9.0', postgres: 'PostgreSQL 15' },
  settings: { connections: 10, warmupSeconds: 2, durationSeconds: 6, sweepSeconds: 4, quick: false, apiEnv: {}, apiMain: 'apps/api/src/main.ts', otlpReceived: { requests: 3, bytes: 2048 } },
  embeddedReadyMs: 2500,
  scenarios: [
    { scenario: 'get', baseline: run(1000, 5), api: run(700, 7) },
    { scenario: 'add', baseline: run(400, 20), api: run(100, 80) },
  ],
  atRate: [
    { scenario: 'get', rate: 700, baseline: run(700, 4, 10), api: run(690, 6, 30) },
    { scenario: 'add', rate: 200, baseline: run(200, 4, 10), api: run(100, 6, 12) },
  ],
  lines: [
    { lines: 1, baseline: run(1000, 4), api: run(800, 6) },
    { lines: 100, baseline: run(300, 20), api: run(200, 30) },
  ],
  carts: [
    { carts: 1000, api: run(700, 7) },
    { carts: 1_000_000, api: run(690, 8) },
  ],
  pools: [{ pool: 10, api: run(500, 10) }],
  overload: {
    closedLoop: { api: run(700, 14, 40), served: { p50: 6, p99: 20 } },
    steps: [
      { offeredRate: 700, api: run(700, 4, 30), served: { p50: 3, p99: 10 } },
      { offeredRate: 1400, api: shedding(800, 15, 50, 600), served: { p50: 7, p99: 30 } },
      { offeredRate: 2100, api: shedding(760, 18, 90, 1340), served: { p50: 8, p99: 45 } },
    ],
  },
};

/** An overload step: `rps` served, `refusedPerSecond` answered 503 in 2 ms (p99 9 ms). */
function shedding(rps: number, p50: number, p99: number, refusedPerSecond: number): Measurement {
  const measured = run(rps, p50, p99);
  const refused = refusedPerSecond * measured.seconds;
  return { ...measured, non2xx: refused, refused: { count: refused, p50: 2, p99: 9 }, statusCodes: { 200: measured.requests, 503: refused } };
}

describe('checkTargets', () => {
  it('checks each target of the issue against figures of the same run', () => {
    const results = Object.fromEntries(checkTargets(report).map((check) => [check.name, check.pass]));
    expect(results).toEqual({
      'GET cart throughput': true,
      'add item throughput': false,
      'get p99 at 70 % of baseline max (700 req/s)': false,
      'add p99 at 70 % of baseline max (200 req/s)': false,
      '100-line cart p50 vs 1-line': false,
      'p50 with 1,000,000 carts vs 1,000': true,
      'api p50 at 2 × capacity vs at capacity': true,
      'api p99 at 2 × capacity vs at capacity': false,
      'observability on vs off (throughput)': null,
      'embedded default ready after npm start': true,
    });
  });

  it('renders the comparison, the sweeps and the targets as Markdown tables', () => {
    const markdown = renderMarkdown(report, checkTargets(report));
    expect(markdown).toContain('| GET cart (5 lines) | baseline | 1000 | 5.00 | 15.00 | 100 | 1000 | 1.00 × | 0 |');
    expect(markdown).toContain('|  | api | 700 | 7.00 | 21.00 | 100 | 1429 | 0.70 × | 0 |');
    expect(markdown).toContain('| 1,000,000 | 8.00 | 24.00 | 690 | 1449 | 1.14 × |');
    expect(markdown).toContain('| add item throughput | ≥ 0.50 × baseline | 0.25 × (by server CPU per request: 0.25 ×) | FAIL |');
    expect(markdown).toContain('| add p99 at 70 % of baseline max (200 req/s) | ≤ 2 × baseline p99, rate held | 1.20 ×; the api held 100 req/s | FAIL |');
    // Capacity 800 (the most served); the first rate at twice that is 2100.
    expect(markdown).toContain('| closed loop | 700 | 14.00 | 40.00 | 6.00 | 20.00 | - | - | - | at capacity |');
    expect(markdown).toContain('| 2100 | 760 | 18.00 | 90.00 | 8.00 | 45.00 | 1340 | 2.00 | 9.00 | at 2 × capacity |');
    expect(markdown).toContain('| api p99 at 2 × capacity vs at capacity | ≤ 2 × | 2.25 × | FAIL |');
  });
});
