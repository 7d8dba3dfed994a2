// Runs the history check by hand against a running api (BASE_URL and AUTH_JWT_SECRET given) or,
// without BASE_URL, against an api it starts on a fresh database of TEST_DATABASE_URL.
//   node tools/faults/history.ts [operations=10000] [clients=20] [carts=5]
import { createPostgresDatabaseUrl } from '@carteria/testing';
import { formatHistoryReport, newJwtSecret, runHistoryCheck, signToken, startApiOn } from '@carteria/fault-e2e';

const [operations = 10_000, clients = 20, carts = 5] = process.argv.slice(2).map(Number);
const baseUrl = process.env['BASE_URL'];

if (baseUrl) {
  const secret = process.env['AUTH_JWT_SECRET'];
  if (!secret) throw new Error('BASE_URL needs the AUTH_JWT_SECRET that api trusts');
  const report = await runHistoryCheck({ baseUrl, token: await signToken(secret), operations, clients, carts });
  console.log(formatHistoryReport(baseUrl, report));
  process.exitCode = report.check.violations.length === 0 ? 0 : 1;
} else {
  const database = await createPostgresDatabaseUrl();
  const secret = newJwtSecret();
  const api = await startApiOn(database.url, secret);
  try {
    const report = await runHistoryCheck({ baseUrl: api.baseUrl, token: await signToken(secret), operations, clients, carts });
    console.log(formatHistoryReport('one api on PostgreSQL', report));
    process.exitCode = report.check.violations.length === 0 ? 0 : 1;
  } finally {
    await api.stop();
    await database.dispose();
  }
}
