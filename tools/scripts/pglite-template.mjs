// Runs initdb once, at install, into a tarball the service starts new embedded databases from
// (PGlite's loadDataDir): a first `npm start` then takes about a second for the database instead of
// four. Best effort: without the file the service simply runs initdb itself.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const target = fileURLToPath(new URL('../../node_modules/.cache/carteria/pglite-template.tar.gz', import.meta.url));
try {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create();
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
} catch (error) {
  console.warn(`pglite-template: skipped (${error instanceof Error ? error.message : String(error)})`);
}
