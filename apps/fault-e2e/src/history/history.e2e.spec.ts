import { createPostgresDatabaseUrl, postgresAvailable, type ApiProcess, type PostgresDatabaseUrl } from '@carteria/testing';
import { startApiOn } from '../support/fault-api.ts';
import { newJwtSecret, signToken } from '../support/test-token.ts';
import { formatHistoryReport, runHistoryCheck } from './history-check.ts';

(postgresAvailable() ? describe : describe.skip)('history checker on PostgreSQL (skipped unless TEST_DATABASE_URL is set)', () => {
  let database: PostgresDatabaseUrl;
  let api: ApiProcess;
  const secret = newJwtSecret();

  beforeAll(async () => {
    database = await createPostgresDatabaseUrl();
    api = await startApiOn(database.url, secret);
  });

  afterAll(async () => {
    await api?.stop();
    await database?.dispose();
  });

  it('10,000 random adds, sets, removes and empties by 20 clients on 5 carts fold into the final carts: 0 violations', async () => {
    const report = await runHistoryCheck({ baseUrl: api.baseUrl, token: await signToken(secret), operations: 10_000, clients: 20, carts: 5 });

    console.log(formatHistoryReport('one api on PostgreSQL', report));
    expect(report.check.violations).toEqual([]);
    expect(report.run.records).toHaveLength(10_000);
    // The workload must exercise what it checks: changes, conflicts, refusals and no-ops.
    expect(report.outcomes['200']).toBeGreaterThan(5_000);
    expect(report.outcomes['412 CART_VERSION_MISMATCH']).toBeGreaterThan(100);
    expect(report.outcomes['404 LINE_NOT_FOUND']).toBeGreaterThan(100);
    expect(report.check.noOps).toBeGreaterThan(100);
  });
});
