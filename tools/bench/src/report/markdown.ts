import { judgeOverload } from './overload.ts';
import { scenarioTitles } from '../load/scenario-requests.ts';
import type { BenchReport, Measurement, OverloadRun, TargetCheck } from './bench-report.ts';

const num = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)} ×` : 'n/a');
const failures = (m: Measurement) => m.non2xx + m.errors;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function measuredRow(label: string, server: string, m: Measurement, vsBaseline: string): string[] {
  return [label, server, num(m.rps, 0), num(m.p50, 2), num(m.p99, 2), num(m.peakRssMiB, 0), num(m.cpuUsPerRequest, 0), vsBaseline, String(failures(m))];
}

/** The run as Markdown: the comparison table, the sweeps, then the targets with pass or fail. */
export function renderMarkdown(report: BenchReport, targets: readonly TargetCheck[]): string {
  const s = report.settings;
  const parts: string[] = [
    `Run ${report.startedAt}, ${report.seconds.toFixed(0)} s; ${report.host.cpus} CPUs, load average ${report.host.loadAverageBefore.map((v) => v.toFixed(2)).join(' / ')} before and ${report.host.loadAverageAfter.map((v) => v.toFixed(2)).join(' / ')} after (1 / 5 / 15 min); Node ${report.host.node}; ${report.host.postgres}.`,
    `Load from a child process: autocannon, ${s.connections} connections, no pipelining, as fast as answered (an open loop of evenly spaced requests where a rate is set), ${s.warmupSeconds} s warm-up then ${s.durationSeconds} s measured (sweeps ${s.sweepSeconds} s)${s.quick ? ', --quick' : ''}. Latencies in ms over 2xx answers; RSS is the server's VmHWM over the run; server CPU is the server process's user + system time per answer (PostgreSQL's share not included), the figure least disturbed by other load on the machine. The api (\`${s.apiMain}\`${Object.keys(s.apiEnv).length > 0 ? ` with ${Object.entries(s.apiEnv).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}) runs with NODE_ENV=production, LOG_LEVEL=info (to a file), metrics on and spans exported over OTLP (${s.otlpReceived.requests} exports, ${(s.otlpReceived.bytes / 1024 / 1024).toFixed(1)} MiB).`,
    '',
    table(
      ['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'peak RSS MiB', 'server CPU µs/req', 'req/s vs baseline', 'failed'],
      report.scenarios.flatMap((pair) => [
        measuredRow(scenarioTitles[pair.scenario], 'baseline', pair.baseline, '1.00 ×'),
        measuredRow('', 'api', pair.api, times(pair.api.rps, pair.baseline.rps)),
      ]),
    ),
  ];
  if (report.atRate.length > 0) {
    parts.push(
      '',
      'At 70 % of the baseline\'s max rate (p99 corrected for coordinated omission, 1 ms resolution):',
      '',
      table(
        ['scenario', 'rate req/s', 'baseline p99 ms', 'api p99 ms', 'api / baseline', 'api req/s achieved'],
        report.atRate.map((run) => [
          scenarioTitles[run.scenario],
          num(run.rate, 0),
          num(run.baseline.p99Corrected, 0),
          num(run.api.p99Corrected, 0),
          times(run.api.p99Corrected, run.baseline.p99Corrected),
          num(run.api.rps, 0),
        ]),
      ),
    );
  }
  if (report.lines.length > 0) {
    const first = report.lines[0];
    parts.push(
      '',
      'Lines per cart (GET):',
      '',
      table(
        ['lines', 'baseline p50 ms', 'api p50 ms', 'api req/s', 'baseline CPU µs/req', 'api CPU µs/req', 'api p50 vs first', 'api CPU vs first'],
        report.lines.map((run) => [
          String(run.lines),
          num(run.baseline.p50, 2),
          num(run.api.p50, 2),
          num(run.api.rps, 0),
          num(run.baseline.cpuUsPerRequest, 0),
          num(run.api.cpuUsPerRequest, 0),
          first ? times(run.api.p50, first.api.p50) : 'n/a',
          first ? times(run.api.cpuUsPerRequest ?? Number.NaN, first.api.cpuUsPerRequest ?? Number.NaN) : 'n/a',
        ]),
      ),
    );
  }
  if (report.carts.length > 0) {
    const first = report.carts[0];
    parts.push(
      '',
      'Carts stored (GET, api):',
      '',
      table(
        ['carts', 'p50 ms', 'p99 ms', 'req/s', 'CPU µs/req', 'p50 vs first'],
        report.carts.map((run) => [
          run.carts.toLocaleString('en'),
          num(run.api.p50, 2),
          num(run.api.p99, 2),
          num(run.api.rps, 0),
          num(run.api.cpuUsPerRequest, 0),
          first ? times(run.api.p50, first.api.p50) : 'n/a',
        ]),
      ),
    );
  }
  if (report.pools.length > 0) {
    parts.push(
      '',
      'Pool size (DATABASE_POOL_SIZE, shop mix, api):',
      '',
      table(
        ['pool', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'peak RSS MiB'],
        report.pools.map((run) => [
          String(run.pool),
          num(run.api.rps, 0),
          num(run.api.p50, 2),
          num(run.api.p99, 2),
          num(run.api.cpuUsPerRequest, 0),
          num(run.api.peakRssMiB, 0),
        ]),
      ),
    );
  }
  if (report.variant) {
    const env = Object.entries(report.variant.env).map(([key, value]) => `${key}=${value}`).join(' ');
    parts.push(
      '',
      `api as configured vs api with ${env}:`,
      '',
      table(
        ['scenario', 'req/s as configured', `req/s with ${env}`, 'ratio', 'CPU µs/req as configured', `CPU µs/req with ${env}`],
        report.variant.scenarios.map((run) => [
          scenarioTitles[run.scenario],
          num(run.on.rps, 0),
          num(run.off.rps, 0),
          times(run.on.rps, run.off.rps),
          num(run.on.cpuUsPerRequest, 0),
          num(run.off.cpuUsPerRequest, 0),
        ]),
      ),
    );
  }
  if (report.overload) {
    const overload = judgeOverload(report.overload);
    const { closedLoop, steps } = report.overload;
    const row = (offered: string, run: OverloadRun, refused: readonly string[], note: string) => [
      offered,
      num(run.api.rps, 0),
      num(run.api.p50, 2),
      num(run.api.p99, 2),
      num(run.served.p50, 2),
      num(run.served.p99, 2),
      ...refused,
      note,
    ];
    parts.push(
      '',
      `Overload: GET in a closed loop (${report.settings.connections} connections: the latency at capacity), then offered by an open loop (evenly spaced requests, 400 connections kept open) at rising rates. Capacity (the most served): ${num(overload.capacityRps, 0)} req/s. Client latencies run from the time each request was due and include the load generator's share of the machine; api latencies are the api's own histogram (from Express to the answer, interpolated in its buckets).`,
      '',
      table(
        ['offered req/s', 'served req/s (goodput)', 'client p50 ms', 'client p99 ms', 'api p50 ms', 'api p99 ms', 'refused (503) /s', 'refused p50 ms', 'refused p99 ms', ''],
        [
          row('closed loop', closedLoop, ['-', '-', '-'], 'at capacity'),
          ...steps.map((step) =>
            row(
              num(step.offeredRate, 0),
              step,
              [num(step.api.refused.count / step.api.seconds, 0), num(step.api.refused.p50, 2), num(step.api.refused.p99, 2)],
              step === overload.atTwice ? 'at 2 × capacity' : '',
            ),
          ),
        ],
      ),
    );
  }
  if (report.embeddedReadyMs !== undefined) {
    parts.push('', `Embedded default (PGlite, fresh data directory): ready ${num(report.embeddedReadyMs / 1000, 2)} s after \`npm start\`.`);
  }
  parts.push(
    '',
    'Targets:',
    '',
    table(
      ['target', 'wanted', 'measured', 'result'],
      targets.map((t) => [t.name, t.target, t.measured, t.pass === null ? 'not measured' : t.pass ? 'pass' : 'FAIL']),
    ),
  );
  return `${parts.join('\n')}\n`;
}
