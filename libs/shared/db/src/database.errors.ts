import { DomainError } from '@carteria/kernel';

/** The options given to openDatabase() cannot work (a bad URL, a pool of no connections, ...). */
export class DatabaseOptionsError extends DomainError {
  constructor(message: string) {
    super('DATABASE_OPTIONS_INVALID', 'invalid', message);
  }
}

/**
 * The database cannot be reached, or did not answer in time: the server is down, restarting,
 * frozen, out of connections, or the pool had no connection to lend. A change whose COMMIT was cut
 * off may or may not have been applied (a retry with If-Match or an Idempotency-Key is safe); the
 * client may retry after `retryAfterSeconds`. The message never holds the URL.
 */
export class DatabaseUnavailableError extends DomainError {
  readonly retryAfterSeconds = 1;

  constructor(cause: unknown) {
    super('DATABASE_UNAVAILABLE', 'unavailable', 'The database is unavailable; try again shortly.', { cause });
  }
}
