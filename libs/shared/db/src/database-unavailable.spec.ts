import { DomainError } from '@carteria/kernel';
import { DatabaseUnavailableError } from './database.errors.ts';
import { databaseUnavailable } from './database-unavailable.ts';

const withFields = (message: string, fields: Record<string, unknown>): Error => Object.assign(new Error(message), fields);

describe('databaseUnavailable', () => {
  it.each([
    ['Prisma P1001 (server not reachable)', withFields("Can't reach database server", { code: 'P1001' })],
    ['Prisma P2024 (pool timeout)', withFields('Timed out fetching a new connection', { code: 'P2024' })],
    [
      'a raw query failure whose adapter error is DatabaseNotReachable',
      withFields('Raw query failed', { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }),
    ],
    [
      'a raw query failure with SQLSTATE 57P01 (admin shutdown)',
      withFields('Raw query failed', { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'postgres', originalCode: '57P01' } } } }),
    ],
    ['pg: the pool had no connection to lend', new Error('timeout exceeded when trying to connect')],
    ['pg: a query with no answer', new Error('Query read timeout')],
    ['pg: a handshake with no answer', new Error('timeout expired')],
    ['pg: a connection lost mid-transaction', new Error('Client has encountered a connection error and is not queryable')],
    ['a socket refused', withFields('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })],
    ['a statement timeout (57014)', withFields('canceling statement due to statement timeout', { code: '57014' })],
    ['a wrapped cause', new Error('outer', { cause: new Error('Connection terminated unexpectedly') })],
  ])('maps %s to DATABASE_UNAVAILABLE', (_what, error) => {
    const mapped = databaseUnavailable(error);

    expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
    expect(mapped).toBeInstanceOf(DomainError);
    expect(mapped).toMatchObject({ code: 'DATABASE_UNAVAILABLE', kind: 'unavailable', retryAfterSeconds: 1, cause: error });
  });

  it.each([
    ['a unique violation', withFields('Unique constraint failed', { code: 'P2002' })],
    ['a SQL syntax error', withFields('syntax error', { code: '42601' })],
    ['a bug', new TypeError('undefined is not a function')],
    ['a non-error', 'boom'],
  ])('leaves %s alone', (_what, error) => {
    expect(databaseUnavailable(error)).toBeUndefined();
  });

  it('leaves a domain error alone, even one caused by a refused socket (a dependency is down, not the database)', () => {
    class DependencyDown extends DomainError {
      constructor(cause: unknown) {
        super('DEPENDENCY_UNAVAILABLE', 'unavailable', 'billing is down', { cause });
      }
    }
    const error = new DependencyDown(withFields('connect ECONNREFUSED 127.0.0.1:4001', { code: 'ECONNREFUSED' }));
    expect(databaseUnavailable(error)).toBeUndefined();
  });

  it('keeps an error that already is DATABASE_UNAVAILABLE', () => {
    const error = new DatabaseUnavailableError(new Error('x'));
    expect(databaseUnavailable(error)).toBe(error);
  });
});
