import { summarizeProfile, type CpuProfile } from './cpu-profile.summary.ts';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

describe('summarizeProfile', () => {
  const profile: CpuProfile = {
    startTime: 0,
    endTime: 1_000_000,
    nodes: [
      { id: 1, callFrame: frame('(root)'), hitCount: 0 },
      { id: 2, callFrame: frame('(idle)'), hitCount: 50 },
      { id: 3, callFrame: frame('(garbage collector)'), hitCount: 10 },
      { id: 4, callFrame: frame('serialize', 'file:///repo/node_modules/pino/lib/tools.js', 9), hitCount: 20 },
      { id: 5, callFrame: frame('serialize', 'file:///repo/node_modules/pino/lib/tools.js', 9), hitCount: 5 },
      { id: 6, callFrame: frame('presentCart', 'file:///repo/apps/api/src/http/cart.presenter.ts', 3), hitCount: 10 },
      { id: 7, callFrame: frame('', 'node:internal/streams/writable', 1), hitCount: 5 },
    ],
  };

  it('counts only the samples inside a window, when given one', () => {
    const timed: CpuProfile = { ...profile, samples: [4, 6, 6, 4, 2], timeDeltas: [100, 100, 100, 100, 100] };
    const summary = summarizeProfile(timed, '/repo', 15, [250, 450]);
    expect(summary.functions.map((fn) => [fn.name, fn.percent])).toEqual([
      ['serialize pino/lib/tools.js:10', 50],
      ['presentCart apps/api/src/http/cart.presenter.ts:4', 50],
    ]);
  });

  it('ranks self time by function and by origin, as shares of busy time', () => {
    const summary = summarizeProfile(profile, '/repo');
    expect(summary.busyMs).toBeCloseTo(500);
    expect(summary.functions[0]).toEqual({ name: 'serialize pino/lib/tools.js:10', percent: 50, ms: 250 });
    expect(summary.origins.map((origin) => [origin.name, origin.percent])).toEqual([
      ['pino', 50],
      ['(garbage collector)', 20],
      ['apps/api', 20],
      ['node internals', 10],
    ]);
  });
});
