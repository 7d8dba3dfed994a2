/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that self time needs. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly hitCount?: number;
  }[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  /** µs from the previous sample (the first from startTime), one per sample. */
  readonly timeDeltas?: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  /** Share of all samples, idle excluded, in percent. */
  readonly percent: number;
  readonly ms: number;
}

export interface ProfileSummary {
  readonly busyMs: number;
  readonly functions: readonly SelfTime[];
  /** Self time by where the code lives: a package in node_modules, node itself, the workspace, V8. */
  readonly origins: readonly SelfTime[];
}

/**
 * Top self-time functions and origins of a profile; `(idle)` is left out, so shares are of busy time.
 * With `windowUs` (monotonic µs, the clock profiles use), only samples taken inside it count: the
 * measured run without the start-up and the warm-up.
 */
export function summarizeProfile(profile: CpuProfile, workspaceRoot: string, top = 15, windowUs?: readonly [number, number]): ProfileSummary {
  const hitsById = hitsPerNode(profile, windowUs);
  const totalHits = [...hitsById.values()].reduce((sum, hits) => sum + hits, 0);
  const spanUs = windowUs ? windowUs[1] - windowUs[0] : profile.endTime - profile.startTime;
  const msPerHit = totalHits > 0 ? spanUs / 1000 / totalHits : 0;
  const functions = new Map<string, number>();
  const origins = new Map<string, number>();
  let busyHits = 0;
  for (const node of profile.nodes) {
    const hits = hitsById.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (hits === 0 || functionName === '(idle)') continue;
    busyHits += hits;
    const where = shortUrl(url, workspaceRoot);
    const name = where ? `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}` : functionName || '(anonymous)';
    functions.set(name, (functions.get(name) ?? 0) + hits);
    const origin = originOf(url, functionName, workspaceRoot);
    origins.set(origin, (origins.get(origin) ?? 0) + hits);
  }
  const rank = (hits: Map<string, number>) =>
    [...hits.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, count]) => ({ name, percent: busyHits > 0 ? (100 * count) / busyHits : 0, ms: count * msPerHit }));
  return { busyMs: busyHits * msPerHit, functions: rank(functions), origins: rank(origins) };
}

function hitsPerNode(profile: CpuProfile, windowUs?: readonly [number, number]): Map<number, number> {
  const hits = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  if (!windowUs || !samples || !timeDeltas) {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
    return hits;
  }
  let time = profile.startTime;
  samples.forEach((id, index) => {
    time += timeDeltas[index] ?? 0;
    if (time >= windowUs[0] && time <= windowUs[1]) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  return hits;
}

function shortUrl(url: string, workspaceRoot: string): string {
  const path = url.replace(/^file:\/\//, '');
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (inModules) return `${inModules[1]}/${inModules[2]}`;
  return path.startsWith(`${workspaceRoot}/`) ? path.slice(workspaceRoot.length + 1) : path;
}

function originOf(url: string, functionName: string, workspaceRoot: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (inModules?.[1]) return inModules[1];
  if (path.startsWith(`${workspaceRoot}/`)) {
    const [top, project] = path.slice(workspaceRoot.length + 1).split('/');
    return top === 'libs' && project === 'shared' ? path.slice(workspaceRoot.length + 1).split('/').slice(0, 3).join('/') : `${top}/${project}`;
  }
  return path;
}
