import { createPostgresDatabaseUrl, postgresAvailable, type PostgresDatabaseUrl } from '@carteria/testing';
import { formatCrashReport, runApiCrash } from './api-crash.ts';

(postgresAvailable() ? describe : describe.skip)('kill -9 of the api mid-write on PostgreSQL (skipped unless TEST_DATABASE_URL is set)', () => {
  let database: PostgresDatabaseUrl;

  beforeAll(async () => {
    database = await createPostgresDatabaseUrl();
  });

  afterAll(async () => {
    await database?.dispose();
  });

  it('1,000 concurrent writes, killed halfway, restarted: every acknowledged write there, one event per committed change', async () => {
    const report = await runApiCrash({ databaseUrl: database.url, operations: 1_000, clients: 20 });

    console.log(formatCrashReport(report));
    expect(report.check.violations).toEqual([]);
    expect(report.storageMismatches).toEqual([]);
    expect(report.run.records).toHaveLength(1_000);
    expect(report.outcomes['200']).toBeGreaterThan(200);
    expect(report.outcomes['0']).toBeGreaterThan(0);
  });
});
