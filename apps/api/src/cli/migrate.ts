// Applies pending migrations and exits: npm run db:migrate (DATABASE_URL or DATA_DIR as for the service).
import { migrate, openDatabase } from '@carteria/db';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logging/logger.ts';

const config = loadConfig();
const logger = createLogger(config.log);
const database = await openDatabase({
  ...(config.database.url ? { url: config.database.url } : {}),
  dataDir: config.database.dataDir,
});
try {
  const { applied } = await migrate(database, { logger });
  logger.info({ applied, database: database.engine }, applied.length ? 'migrations applied' : 'database up to date');
} finally {
  await database.close();
}
