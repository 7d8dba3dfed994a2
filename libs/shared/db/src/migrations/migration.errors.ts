import { DomainError } from '@carteria/kernel';

export type MigrationErrorCode =
  /** An applied migration's file differs from what was applied. */
  | 'MIGRATION_CHECKSUM_MISMATCH'
  /** The database has an applied migration that has no folder on disk (a newer release ran?). */
  | 'MIGRATION_UNKNOWN'
  /** The database records a migration that started and never finished (left by `prisma migrate`). */
  | 'MIGRATION_INCOMPLETE'
  /** A migration failed and was rolled back; nothing of it stays. */
  | 'MIGRATION_FAILED'
  /** The migrations folder holds something that is not a migration. */
  | 'MIGRATION_INVALID';

/** The schema cannot be brought up to date safely: the service must not start. */
export class MigrationError extends DomainError {
  override readonly code: MigrationErrorCode;
  readonly migration: string | undefined;

  constructor(code: MigrationErrorCode, message: string, migration?: string, options?: ErrorOptions) {
    super(code, 'unavailable', message, options);
    this.code = code;
    this.migration = migration;
  }
}
