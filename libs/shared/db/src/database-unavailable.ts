import { DomainError } from '@carteria/kernel';
import { DatabaseUnavailableError } from './database.errors.ts';

/**
 * PostgreSQL SQLSTATEs that say "not now" rather than "never": connection exceptions (class 08),
 * too many connections, the server shutting down, crashing or starting up, and a statement ended by
 * statement_timeout.
 */
const unavailableStates = /^(08...|53300|57P01|57P02|57P03|57014)$/;

/** Prisma's codes for a server it cannot reach, that timed out, or closed the connection. */
const unavailablePrismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);

/** What @prisma/adapter-pg reports (meta.driverAdapterError.cause.kind) for connection failures. */
const unavailableAdapterKinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/** Socket errors of Node, as pg passes them on. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);

/** pg's own errors carry no code, only these messages. */
const pgMessages = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'is not queryable',
  'Connection terminated due to connection timeout',
  // a new connection's handshake that ran past connectionTimeoutMillis
  'timeout expired',
];

/**
 * The DatabaseUnavailableError an error of pg or Prisma amounts to, or undefined when it is
 * something else (a constraint, a bug): connection refused or reset, pool acquire, handshake or
 * query timeout, server shutdown or restart, a statement timeout.
 */
export function databaseUnavailable(error: unknown): DatabaseUnavailableError | undefined {
  if (error instanceof DatabaseUnavailableError) return error;
  // A domain error already says what failed (a dependency's refused connection is its own outage).
  if (error instanceof DomainError) return undefined;
  return isUnavailable(error, 0) ? new DatabaseUnavailableError(error) : undefined;
}

/** Rethrows what databaseUnavailable() recognizes as a DatabaseUnavailableError, anything else as is. */
export function rethrowUnavailable(error: unknown): never {
  throw databaseUnavailable(error) ?? error;
}

function isUnavailable(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { name, code, message, meta, cause } = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } };
    cause?: unknown;
  };
  if (name === 'PrismaClientInitializationError') return true;
  if (typeof code === 'string' && (unavailablePrismaCodes.has(code) || socketCodes.has(code) || unavailableStates.test(code))) return true;
  const adapterCause = meta?.driverAdapterError?.cause;
  if (adapterCause) {
    if (typeof adapterCause.kind === 'string' && unavailableAdapterKinds.has(adapterCause.kind)) return true;
    const state = adapterCause.originalCode ?? adapterCause.code;
    if (typeof state === 'string' && unavailableStates.test(state)) return true;
  }
  if (typeof message === 'string' && pgMessages.some((text) => message.includes(text))) return true;
  return isUnavailable(cause, depth + 1);
}
