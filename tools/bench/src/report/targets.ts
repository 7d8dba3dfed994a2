import type { BenchReport, TargetCheck } from './bench-report.ts';
import { judgeOverload } from './overload.ts';

const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function check(name: string, target: string, value: number | undefined, pass: (value: number) => boolean, unit = ''): TargetCheck {
  if (value === undefined || !Number.isFinite(value)) return { name, target, measured: 'not measured', pass: null };
  return { name, target, measured: `${fixed(value)}${unit}`, pass: pass(value) };
}

/** The targets, each from figures of the same run. */
export function checkTargets(report: BenchReport): TargetCheck[] {
  const scenario = (name: string) => report.scenarios.find((each) => each.scenario === name);
  const throughput = (name: string, title: string, wanted: number): TargetCheck => {
    const pair = scenario(name);
    const result = check(title, `≥ ${wanted.toFixed(2)} × baseline`, pair && ratio(pair.api.rps, pair.baseline.rps), (value) => value >= wanted, ' ×');
    const cpu = pair?.api.cpuUsPerRequest && pair.baseline.cpuUsPerRequest ? pair.baseline.cpuUsPerRequest / pair.api.cpuUsPerRequest : undefined;
    return cpu === undefined ? result : { ...result, measured: `${result.measured} (by server CPU per request: ${cpu.toFixed(2)} ×)` };
  };
  const checks = [throughput('get', 'GET cart throughput', 0.6), throughput('add', 'add item throughput', 0.5)];
  for (const run of report.atRate) {
    // A server that cannot hold the rate has not met it, whatever the latency of what it did answer.
    const held = (rps: number) => rps >= 0.95 * run.rate;
    const result = check(
      `${run.scenario} p99 at 70 % of baseline max (${Math.round(run.rate)} req/s)`,
      '≤ 2 × baseline p99, rate held',
      ratio(run.api.p99Corrected, run.baseline.p99Corrected),
      (value) => value <= 2 && held(run.api.rps) && held(run.baseline.rps),
      ' ×',
    );
    checks.push(held(run.api.rps) ? result : { ...result, measured: `${result.measured}; the api held ${Math.round(run.api.rps)} req/s` });
  }
  const fewest = report.lines.at(0);
  const most = report.lines.at(-1);
  checks.push(
    check(
      `${most?.lines ?? 100}-line cart p50 vs ${fewest?.lines ?? 1}-line`,
      '≤ 1.5 ×',
      fewest && most && fewest !== most ? ratio(most.api.p50, fewest.api.p50) : undefined,
      (value) => value <= 1.5,
      ' ×',
    ),
  );
  const smallest = report.carts.at(0);
  const largest = report.carts.at(-1);
  checks.push(
    check(
      `p50 with ${largest ? largest.carts.toLocaleString('en') : '1M'} carts vs ${smallest ? smallest.carts.toLocaleString('en') : '1k'}`,
      '≤ 1.2 ×',
      smallest && largest && smallest !== largest ? ratio(largest.api.p50, smallest.api.p50) : undefined,
      (value) => value <= 1.2,
      ' ×',
    ),
  );
  checks.push(...overloadTargets(report));
  const variant = report.variant;
  const onOff = variant?.scenarios.map((each) => ratio(each.on.rps, each.off.rps));
  checks.push(
    check('observability on vs off (throughput)', '≥ 0.80', onOff && onOff.length > 0 ? Math.min(...onOff) : undefined, (value) => value >= 0.8, ' ×'),
  );
  checks.push(
    check(
      'embedded default ready after npm start',
      '≤ 3 s',
      report.embeddedReadyMs === undefined ? undefined : report.embeddedReadyMs / 1000,
      (value) => value <= 3,
      ' s',
    ),
  );
  return checks;
}

/**
 * Reliability issue: at twice its capacity the api answers those it admits about as fast as at
 * capacity, by its own histogram (the load generator shares the machine, so what clients see also
 * measures the generator). Goodput there is reported, not judged: each refusal still costs a parse
 * and a write.
 */
function overloadTargets(report: BenchReport): TargetCheck[] {
  const reference = report.overload?.closedLoop.served;
  const twice = report.overload && judgeOverload(report.overload).atTwice?.served;
  return [
    check('api p50 at 2 × capacity vs at capacity', '≤ 1.5 ×', twice && reference && ratio(twice.p50, reference.p50), (value) => value <= 1.5, ' ×'),
    check('api p99 at 2 × capacity vs at capacity', '≤ 2 ×', twice && reference && ratio(twice.p99, reference.p99), (value) => value <= 2, ' ×'),
  ];
}
