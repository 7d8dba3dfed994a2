import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, workspaceRoot } from '@carteria/testing';
import { log, type BenchLab, type RunShape } from './bench-lab.ts';
import type { CartSet, ScenarioName } from './load/scenario-requests.ts';
import type { BenchReport, Measurement, OverloadRun, OverloadStep, Pair } from './report/bench-report.ts';
import type { SeedProduct } from './servers/bench-database.ts';
import { answersReady, type ServerProcess } from './servers/server-process.ts';
import { bucketQuantile, bucketsBetween, scrapeServedLatency } from './servers/served-latency.ts';

/** The carts of the four scenarios: 700 carts of 5 lines (with the line-sweep carts, 1,000 carts stored). */
export function scenarioCarts(products: readonly SeedProduct[]): CartSet {
  return { prefix: 1, count: 700, products: products.slice(0, 5).map((product) => product.id) };
}

/** 100 carts of `lines` lines each, for the lines-per-cart sweep. */
export function lineCarts(lines: number, products: readonly SeedProduct[]): CartSet {
  return { prefix: 0x100 + lines, count: 100, products: products.slice(0, lines).map((product) => product.id) };
}

export async function seedCarts(lab: BenchLab, products: readonly SeedProduct[]): Promise<void> {
  const sets = [scenarioCarts(products), ...lab.options.lines.map((lines) => lineCarts(lines, products))];
  for (const set of sets) {
    const seeded = products.filter((product) => set.products.includes(product.id));
    await lab.database.seedCarts(set.prefix, set.count, seeded);
  }
}

/** Each scenario on the baseline then on the api, back to back, so both see the same machine. */
export async function compareScenarios(
  lab: BenchLab,
  servers: Pair<ServerProcess>,
  carts: CartSet,
  scenarios: readonly ScenarioName[],
): Promise<BenchReport['scenarios']> {
  const results = [];
  for (const scenario of scenarios) {
    const baseline = await lab.measure(servers.baseline, scenario, carts);
    const api = await lab.measure(servers.api, scenario, carts);
    results.push({ scenario, baseline, api });
  }
  return results;
}

/** GET and add with both servers held at 70 % of the baseline's max rate. */
export async function compareAtRate(
  lab: BenchLab,
  servers: Pair<ServerProcess>,
  carts: CartSet,
  maxRates: BenchReport['scenarios'],
): Promise<BenchReport['atRate']> {
  const results = [];
  for (const { scenario, baseline: max } of maxRates.filter((each) => each.scenario === 'get' || each.scenario === 'add')) {
    const rate = 0.7 * max.rps;
    const shape = { warmupSeconds: 1, seconds: lab.options.sweepSeconds + 1, rate };
    const baseline = await lab.measure(servers.baseline, scenario, carts, shape);
    const api = await lab.measure(servers.api, scenario, carts, shape);
    results.push({ scenario, rate, baseline, api });
  }
  return results;
}

export async function sweepLines(lab: BenchLab, servers: Pair<ServerProcess>, products: readonly SeedProduct[]): Promise<BenchReport['lines']> {
  const results = [];
  for (const lines of lab.options.lines) {
    const carts = lineCarts(lines, products);
    const shape = { warmupSeconds: 1, seconds: lab.options.sweepSeconds };
    const baseline = await lab.measure(servers.baseline, 'get', carts, shape);
    const api = await lab.measure(servers.api, 'get', carts, shape);
    results.push({ lines, baseline, api });
  }
  return results;
}

/**
 * GET and add on an api as configured and on one with the variant env (e.g. observability off): two
 * fresh processes, so both start cold and get the same warm-up.
 */
export async function compareVariant(lab: BenchLab, carts: CartSet): Promise<NonNullable<BenchReport['variant']>> {
  const started: ServerProcess[] = [];
  try {
    const api = await lab.startApi();
    started.push(api);
    const variant = await lab.startApi(lab.options.variantEnv);
    started.push(variant);
    const shape = { seconds: lab.options.sweepSeconds };
    const scenarios = [];
    for (const scenario of ['get', 'add'] as const) {
      const on = await lab.measure(api, scenario, carts, shape);
      const off = await lab.measure(variant, scenario, carts, shape);
      scenarios.push({ scenario, on, off });
    }
    return { env: lab.options.variantEnv, scenarios };
  } finally {
    await Promise.all(started.map((server) => server.stop()));
  }
}

/** The shop mix on an api restarted with each DATABASE_POOL_SIZE (a full warm-up: the process is new). */
export async function sweepPools(lab: BenchLab, carts: CartSet): Promise<BenchReport['pools']> {
  const results = [];
  for (const pool of lab.options.pools) {
    const api = await lab.startApi({ DATABASE_POOL_SIZE: String(pool) });
    try {
      log(`  pool ${pool}`);
      results.push({ pool, api: await lab.measure(api, 'mix', carts, { seconds: lab.options.sweepSeconds }) });
    } finally {
      await api.stop();
    }
  }
  return results;
}

/** GET p50 on the warm api as other shoppers' carts fill the tables up to each total. */
export async function sweepCarts(lab: BenchLab, api: ServerProcess, carts: CartSet, filler: SeedProduct): Promise<BenchReport['carts']> {
  const results = [];
  const own = await lab.database.cartCount();
  for (const total of lab.options.carts) {
    const started = Date.now();
    await lab.database.fillTo(Math.max(0, total - own), filler);
    const stored = await lab.database.cartCount();
    log(`  ${stored.toLocaleString('en')} carts stored (seeded in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const measured: Measurement = await lab.measure(api, 'get', carts, { warmupSeconds: 1, seconds: lab.options.sweepSeconds });
    results.push({ carts: stored, api: measured });
  }
  return results;
}

/** Milliseconds from `npm start` (embedded PGlite, a fresh data directory) until `/readyz` answers 200. */
export async function embeddedReadyMs(): Promise<number> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'carteria-bench-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} before it was ready`);
      if (await answersReady(`http://127.0.0.1:${port}`)) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error('npm start was not ready within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // npm runs the api in a child of its own: end the whole group this spawn made.
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The overload curve's rates, as multiples of the GET rate the closed-loop run sustained (which a closed loop underestimates). */
const overloadFactors = [1, 1.5, 2, 3, 4];

/**
 * GET, first in a closed loop (the latency reference at capacity), then offered by an open loop
 * (400 connections kept open) at rising rates, up to four times what the closed loop sustained, so
 * that the curve goes past twice the api's real capacity: goodput, the latency of what is served
 * (as the client saw it and as the api's histogram did), and how fast the rest is refused.
 */
export async function overloadApi(lab: BenchLab, api: ServerProcess, carts: CartSet): Promise<BenchReport['overload']> {
  const closedLoop = await measureServed(lab, api, carts, {});
  const steps: OverloadStep[] = [];
  for (const factor of overloadFactors) {
    const offeredRate = factor * closedLoop.api.rps;
    steps.push({ offeredRate, ...(await measureServed(lab, api, carts, { warmupSeconds: 1, seconds: lab.options.sweepSeconds + 1, rate: offeredRate, connections: 400 })) });
  }
  return { closedLoop, steps };
}

async function measureServed(lab: BenchLab, api: ServerProcess, carts: CartSet, shape: RunShape): Promise<OverloadRun> {
  const scrape = () => scrapeServedLatency(api.baseUrl, 'GET', '/v1/carts/{cartId}');
  let before = scrape();
  const measurement = await lab.measure(api, 'get', carts, { ...shape, onMeasuring: () => (before = scrape()) });
  const served = bucketsBetween(await before, await scrape());
  return { api: measurement, served: { p50: bucketQuantile(0.5, served), p99: bucketQuantile(0.99, served) } };
}
