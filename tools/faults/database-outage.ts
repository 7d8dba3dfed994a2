// Takes a PostgreSQL server of its own away under steady load and prints the figures.
//   node tools/faults/database-outage.ts [stop|freeze|both=both] [outageMs=3000] [clients=4]
// Needs PostgreSQL's binaries (PG_BIN, default /usr/lib/postgresql/15/bin); as root it runs the
// server as the postgres user.
import { formatOutageReport, runDatabaseOutage, type DatabaseFault } from '@carteria/fault-e2e';

const [which = 'both', outage = '3000', clients = '4'] = process.argv.slice(2);
const faults: DatabaseFault[] = which === 'both' ? ['stop', 'freeze'] : [which === 'freeze' ? 'freeze' : 'stop'];
let failed = false;
for (const fault of faults) {
  const report = await runDatabaseOutage({
    fault,
    outageMs: Number(outage),
    clients: Number(clients),
    ...(process.env['PG_BIN'] ? { postgresBin: process.env['PG_BIN'] } : {}),
  });
  console.log(formatOutageReport(report));
  failed ||=
    report.check.violations.length > 0 ||
    report.malformedFailures.length > 0 ||
    report.outageLatency.max >= 1_000 ||
    !report.readyzWentUnready ||
    (report.recoveryMs ?? Infinity) >= 5_000;
}
process.exitCode = failed ? 1 : 0;
