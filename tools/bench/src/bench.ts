// `npm run bench`: the api against a bare node:http + pg baseline on PostgreSQL, side by side, with
// sweeps and the targets. See tools/bench/README.md and docs/performance.md.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { workspaceRoot } from '@carteria/testing';
import { parseBenchOptions, usage, type BenchOptions } from './bench-options.ts';
import { BenchLab, log, resultsDir } from './bench-lab.ts';
import {
  compareAtRate,
  compareScenarios,
  compareVariant,
  overloadApi,
  embeddedReadyMs,
  scenarioCarts,
  seedCarts,
  sweepCarts,
  sweepLines,
  sweepPools,
} from './bench-phases.ts';
import { loadOffers } from './baseline/offers.ts';
import { scenarioNames } from './load/scenario-requests.ts';
import { profileScenarios, renderProfiles } from './profile/profile-run.ts';
import type { BenchReport } from './report/bench-report.ts';
import { renderMarkdown } from './report/markdown.ts';
import { checkTargets } from './report/targets.ts';
import { BenchDatabase, type SeedProduct } from './servers/bench-database.ts';
import { OtlpSink } from './servers/otlp-sink.ts';
import type { ServerProcess } from './servers/server-process.ts';

const docsFile = path.join(workspaceRoot, 'docs/performance.md');
const docsStart = '<!-- bench:start -->';
const docsEnd = '<!-- bench:end -->';

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    process.exitCode = 2;
    return;
  }
  await mkdir(resultsDir, { recursive: true });
  const runId = new Date().toISOString().replaceAll(/[:.]/g, '-');
  const startedAt = new Date();
  const loadAverageBefore = loadavg();
  const readyMs = options.profile || options.skip.has('startup') ? undefined : await embeddedReadyMs();
  if (readyMs !== undefined) log(`embedded default ready in ${(readyMs / 1000).toFixed(2)} s after npm start`);

  const database = await BenchDatabase.create(options.serverUrl);
  const sink = await OtlpSink.start();
  log(`database ${database.name}; logs and results in ${path.relative(process.cwd(), resultsDir)}`);
  const servers: ServerProcess[] = [];
  try {
    const lab = new BenchLab(options, database, runId, sink.endpoint);
    const api = await lab.startApi();
    servers.push(api);
    const products: SeedProduct[] = [...(loadOffers().get('EUR') ?? new Map()).entries()].map(([id, offer]) => ({ id, ...offer }));
    await seedCarts(lab, products);
    const carts = scenarioCarts(products);

    if (options.profile) {
      await api.stop();
      const profiles = await profileScenarios(lab, carts, runId, Math.max(options.durationSeconds, 10));
      const markdown = renderProfiles(profiles);
      process.stdout.write(markdown);
      await writeFile(path.join(resultsDir, `${runId}-profile.md`), markdown);
      return;
    }

    const baseline = await lab.startBaseline();
    servers.push(baseline);
    const pair = { api, baseline };
    log('scenarios');
    const scenarios = await compareScenarios(lab, pair, carts, scenarioNames);
    log('at 70 % of the baseline rate');
    const atRate = options.skip.has('rate') ? [] : await compareAtRate(lab, pair, carts, scenarios);
    log('lines per cart');
    const lines = options.skip.has('lines') ? [] : await sweepLines(lab, pair, products);
    log('overload');
    const overload = options.skip.has('overload') ? undefined : await overloadApi(lab, api, carts);
    log('variant');
    const variant = options.skip.has('variant') ? undefined : await compareVariant(lab, carts);
    await baseline.stop();
    log('carts stored');
    const cartsSweep = options.skip.has('carts') ? [] : await sweepCarts(lab, api, carts, products[0] as SeedProduct);
    await api.stop();
    log('pool sizes');
    const pools = options.skip.has('pools') ? [] : await sweepPools(lab, carts);

    const report: BenchReport = {
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      host: {
        cpus: availableParallelism(),
        loadAverageBefore,
        loadAverageAfter: loadavg(),
        node: process.versions.node,
        postgres: await database.serverVersion(),
      },
      settings: {
        connections: options.connections,
        warmupSeconds: options.warmupSeconds,
        durationSeconds: options.durationSeconds,
        sweepSeconds: options.sweepSeconds,
        quick: options.quick,
        apiEnv: options.apiEnv,
        apiMain: path.relative(workspaceRoot, options.apiMain),
        otlpReceived: sink.received,
      },
      ...(readyMs === undefined ? {} : { embeddedReadyMs: readyMs }),
      scenarios,
      atRate,
      lines,
      carts: cartsSweep,
      pools,
      ...(variant ? { variant } : {}),
      ...(overload ? { overload } : {}),
    };
    const targets = checkTargets(report);
    const markdown = renderMarkdown(report, targets);
    process.stdout.write(`\n${markdown}`);
    const json = `${JSON.stringify({ ...report, targets }, null, 2)}\n`;
    await writeFile(path.join(resultsDir, `${runId}.json`), json);
    await writeFile(path.join(resultsDir, 'latest.json'), json);
    await writeFile(path.join(resultsDir, 'latest.md'), markdown);
    if (options.updateDocs) await updateDocs(markdown);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await sink.close();
    if (options.keepDatabase) log(`kept database ${database.url}`);
    else await database.drop();
  }
}

/** Replaces the generated section of docs/performance.md (between its markers) with this run. */
async function updateDocs(markdown: string): Promise<void> {
  const docs = await readFile(docsFile, 'utf8');
  const start = docs.indexOf(docsStart);
  const end = docs.indexOf(docsEnd);
  if (start < 0 || end < start) throw new Error(`${docsFile} has no ${docsStart} ... ${docsEnd} section`);
  await writeFile(docsFile, `${docs.slice(0, start + docsStart.length)}\n${markdown}${docs.slice(end)}`);
  log(`updated ${path.relative(process.cwd(), docsFile)}`);
}

await main();
