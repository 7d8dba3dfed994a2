import { canStartPostgres } from '../support/postgres-server.ts';
import { formatOutageReport, runDatabaseOutage, type DatabaseFault } from './database-outage.ts';

const faults: { fault: DatabaseFault; what: string }[] = [
  { fault: 'stop', what: 'stopped (pg_ctl stop -m immediate) and started again' },
  { fault: 'freeze', what: 'frozen (SIGSTOP of the postmaster and its children) and thawed' },
];

(canStartPostgres() ? describe : describe.skip)('database faults under steady load (skipped unless PostgreSQL 15 binaries are installed)', () => {
  it.each(faults)('PostgreSQL $what: fast 503s, /readyz 503, recovery within 5 s, no acknowledged write lost', async ({ fault }) => {
    const report = await runDatabaseOutage({ fault, outageMs: 3_000, clients: 4 });

    console.log(formatOutageReport(report));
    expect(report.check.violations).toEqual([]);
    expect(report.malformedFailures).toEqual([]);
    expect(report.duringOutage['503 DATABASE_UNAVAILABLE']).toBeGreaterThan(0);
    expect(report.outageLatency.max).toBeLessThan(1_000);
    expect(report.readyzWentUnready).toBe(true);
    expect(report.readyzRecoveryMs).toBeLessThan(5_000);
    expect(report.recoveryMs).toBeLessThan(5_000);
  });
});
