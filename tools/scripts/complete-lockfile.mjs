// Adds lockfile entries for optional platform packages (darwin/win32/... builds of @swc/core and
// unrs-resolver) that this workplace's registry mirror does not serve. `npm install` silently skips
// optional packages it cannot fetch, and `npm ci` then refuses the lockfile as out of sync. With an
// entry carrying os/cpu, `npm ci` skips the package on other platforms, as it would with a full
// lockfile. Run after `npm install` changes package-lock.json: node tools/scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../../package-lock.json', import.meta.url));
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const platform = /-(darwin|win32|linux|android|freebsd|openharmony)-(arm64|x64|ia32|arm|ppc64|s390x|riscv64|loong64)/;

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (packages[`node_modules/${name}`] || packages[`${path}/node_modules/${name}`]) continue;
    const match = platform.exec(name);
    if (!match) continue;
    packages[`node_modules/${name}`] = { version, optional: true, os: [match[1]], cpu: [match[2]] };
    added += 1;
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
