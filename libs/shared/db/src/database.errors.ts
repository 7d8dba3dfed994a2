import { DomainError } from '@carteria/kernel';

/** The options given to openDatabase() cannot work (a bad URL, a pool of no connections, ...). */
export class DatabaseOptionsError extends DomainError {
  constructor(message: string) {
    super('DATABASE_OPTIONS_INVALID', 'invalid', message);
  }
}
