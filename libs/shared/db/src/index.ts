export { openDatabase } from './open-database.ts';
export type { Database, DatabaseEngine, OpenDatabaseOptions } from './database.ts';
export { DatabaseOptionsError } from './database.errors.ts';
export { migrate } from './migrations/migrate.ts';
export type { MigrateOptions, MigrateResult } from './migrations/migrate.ts';
export { MigrationError } from './migrations/migration.errors.ts';
export type { MigrationErrorCode } from './migrations/migration.errors.ts';
export { Prisma } from './generated/client.ts';
export type { PrismaClient } from './generated/client.ts';
