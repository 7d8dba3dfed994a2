// kill -9 of the api in the middle of concurrent writes, restart, check; on a fresh database of
// TEST_DATABASE_URL.   node tools/faults/crash.ts [operations=1000] [clients=20]
import { createPostgresDatabaseUrl } from '@carteria/testing';
import { formatCrashReport, runApiCrash } from '@carteria/fault-e2e';

const [operations = 1_000, clients = 20] = process.argv.slice(2).map(Number);
const database = await createPostgresDatabaseUrl();
try {
  const report = await runApiCrash({ databaseUrl: database.url, operations, clients });
  console.log(formatCrashReport(report));
  process.exitCode = report.check.violations.length === 0 && report.storageMismatches.length === 0 ? 0 : 1;
} finally {
  await database.dispose();
}
