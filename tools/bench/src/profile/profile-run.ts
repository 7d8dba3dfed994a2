import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { workspaceRoot } from '@carteria/testing';
import { log, resultsDir, type BenchLab } from '../bench-lab.ts';
import type { CartSet, ScenarioName } from '../load/scenario-requests.ts';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './cpu-profile.summary.ts';

/** One api per scenario under `node --cpu-prof`, loaded for `seconds`, then the measured part of its profile summarized. */
export async function profileScenarios(
  lab: BenchLab,
  carts: CartSet,
  runId: string,
  seconds: number,
): Promise<{ scenario: ScenarioName; summary: ProfileSummary; file: string }[]> {
  const results = [];
  for (const scenario of ['get', 'add'] as const) {
    const dir = path.join(resultsDir, 'profiles', `${runId}-${scenario}`);
    await rm(dir, { recursive: true, force: true });
    const api = await lab.startApi({}, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    let window: readonly [number, number] | undefined;
    try {
      window = (await lab.measure(api, scenario, carts, { seconds })).measuredUs;
    } finally {
      await api.stop();
    }
    const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no .cpuprofile in ${dir}`);
    const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile;
    results.push({ scenario, summary: summarizeProfile(profile, workspaceRoot, 15, window), file: path.join(dir, file) });
    log(`  profile ${scenario}: ${path.join(dir, file)}`);
  }
  return results;
}

/** The summaries as Markdown tables. */
export function renderProfiles(profiles: Awaited<ReturnType<typeof profileScenarios>>): string {
  const parts: string[] = [];
  for (const { scenario, summary, file } of profiles) {
    parts.push(
      `### ${scenario}: ${(summary.busyMs / 1000).toFixed(1)} s busy (${path.relative(workspaceRoot, file)})`,
      '',
      '| self time by origin | % of busy |',
      '| --- | --- |',
      ...summary.origins.map((origin) => `| ${origin.name} | ${origin.percent.toFixed(1)} |`),
      '',
      '| top self-time functions | % of busy |',
      '| --- | --- |',
      ...summary.functions.map((fn) => `| \`${fn.name}\` | ${fn.percent.toFixed(1)} |`),
      '',
    );
  }
  return parts.join('\n');
}
