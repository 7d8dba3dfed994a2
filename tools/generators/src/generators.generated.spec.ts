import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Slow (about a minute): its own target, `nx run tools:test-generated`. It proves that what the
// generators make passes lint, typecheck and test on first run, through the real nx CLI.
const WORKSPACE = realpathSync(fileURLToPath(new URL('../../..', import.meta.url)));
const SKIPPED = new Set(['node_modules', '.git', '.nx', 'out-tsc', 'coverage', 'dist', '.data', 'tmp']);

/** The workspace without node_modules and build output; node_modules symlinked, workspace packages pointed into the copy. */
function copyWorkspace(target: string): void {
  cpSync(WORKSPACE, target, { recursive: true, filter: (source) => !SKIPPED.has(basename(source)) });
  const modules = join(WORKSPACE, 'node_modules');
  mkdirSync(join(target, 'node_modules'));
  for (const entry of readdirSync(modules)) {
    if (entry !== '@carteria') {
      symlinkSync(join(modules, entry), join(target, 'node_modules', entry));
      continue;
    }
    // TypeScript must find @carteria/kernel in the copy, or its project references would not match.
    mkdirSync(join(target, 'node_modules/@carteria'));
    for (const name of readdirSync(join(modules, '@carteria'))) {
      const packageRoot = relative(WORKSPACE, realpathSync(join(modules, '@carteria', name)));
      symlinkSync(join(target, packageRoot), join(target, 'node_modules/@carteria', name));
    }
  }
}

function nx(cwd: string, args: readonly string[]): string {
  const bin = join(cwd, 'node_modules/.bin');
  try {
    return execFileSync(process.execPath, [join(bin, 'nx'), ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 150_000,
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        NX_INTERACTIVE: 'false',
        CI: 'true',
        FORCE_COLOR: '0',
        NO_COLOR: '1',
      },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`nx ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: error });
  }
}

describe('the generators, run by the nx CLI in a copy of the workspace', () => {
  let copy: string;

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'carteria-generators-'));
    copyWorkspace(copy);
    // Start from a synced copy, so the check after generating is about what the generators wrote.
    nx(copy, ['sync']);
  });

  afterAll(() => {
    rmSync(copy, { recursive: true, force: true });
  });

  it('makes a domain lib with an adapter, and an adapter in an existing lib, that pass lint, typecheck and test on first run', () => {
    nx(copy, ['g', '@carteria/tools:domain-lib', 'loyalty', '--port=points-ledger', '--skipInstall', '--no-interactive']);
    nx(copy, ['g', '@carteria/tools:adapter', 'PointsLedger', 'fixed-rate', '--project=loyalty', '--no-interactive']);
    nx(copy, ['g', '@carteria/tools:adapter', 'PriceQuoter', 'fixed-rate', '--project=pricing', '--no-interactive']);

    expect(readFileSync(join(copy, 'libs/loyalty/src/index.ts'), 'utf8')).toContain(
      "export { FixedRatePointsLedger } from './adapters/fixed-rate-points-ledger.ts';",
    );
    expect(readFileSync(join(copy, 'libs/pricing/src/index.ts'), 'utf8')).toContain(
      "export { FixedRatePriceQuoter } from './adapters/fixed-rate-price-quoter.ts';",
    );
    expect(readFileSync(join(copy, 'eslint.config.mjs'), 'utf8')).toContain("sourceTag: 'scope:loyalty'");
    // The references the generator wrote are the ones `nx sync` would write.
    nx(copy, ['sync:check']);
    // One run for both libs: each nx start costs several seconds of project graph.
    const run = nx(copy, ['run-many', '-t', 'lint', 'typecheck', 'test', '-p', 'loyalty', 'pricing', '--outputStyle=static', '--skipNxCache']);
    expect(run).toMatch(/Successfully ran targets lint, typecheck, test for 2 projects/);
  });
});
