import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratorCallback, Tree } from '@nx/devkit';

/**
 * After the files are written: `npm install` links the new workspace package into node_modules and
 * records it in package-lock.json (`npm ci` refuses a lockfile that lacks a workspace), then the
 * lockfile gets its optional platform entries back (tools/scripts/complete-lockfile.mjs).
 */
export function linkWorkspacePackages(tree: Tree): GeneratorCallback {
  return () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: tree.root, stdio: 'inherit' });
    const completeLockfile = join(tree.root, 'tools/scripts/complete-lockfile.mjs');
    if (existsSync(completeLockfile)) {
      execFileSync(process.execPath, [completeLockfile], { cwd: tree.root, stdio: 'inherit' });
    }
  };
}
