import type { ErrorRequestHandler } from 'express';
import { databaseUnavailable } from '@carteria/db';
import { DomainError, ValidationError } from '@carteria/kernel';
import { HttpError } from './http-error.ts';
import { problem, sendProblem, statusOfKind, type Problem } from './problem.ts';

/** body-parser's errors carry a `type`; these are the ones a client causes. */
const bodyParserProblems: Partial<Record<string, () => Problem>> = {
  'entity.parse.failed': () => problem(400, 'MALFORMED_JSON', 'The request body is not valid JSON.'),
  'entity.too.large': () => problem(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 16 KiB.'),
  'encoding.unsupported': () => problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'The body encoding is not supported.'),
  'charset.unsupported': () => problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'The body charset is not supported.'),
  'request.aborted': () => problem(400, 'REQUEST_ABORTED', 'The client aborted the request.'),
};

/**
 * The one place where failures become HTTP answers. Known errors keep their code; a database that
 * cannot be reached or did not answer in time is 503 DATABASE_UNAVAILABLE whichever layer let its
 * driver's error through; anything else is a bug, logged in full and answered as a bare 500 INTERNAL.
 */
export const errorHandler: ErrorRequestHandler = (thrown: unknown, req, res, _next) => {
  const error = databaseUnavailable(thrown) ?? thrown;
  const body = toProblem(error);
  if (body.status === 503) req.log.warn({ err: error }, 'request refused: unavailable');
  else if (body.status >= 500) req.log.error({ err: error }, 'request failed');
  if (body.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  if (body.status === 503) res.setHeader('Retry-After', String(retryAfterSeconds(error)));
  if (res.headersSent) return;
  sendProblem(res, body);
};

function toProblem(error: unknown): Problem {
  if (error instanceof ValidationError) return problem(400, error.code, error.message, error.violations);
  if (error instanceof DomainError) {
    return problem(statusOfKind[error.kind], error.code, error.message, undefined, error.details);
  }
  if (error instanceof HttpError) return problem(error.status, error.code, error.message);
  const parserType = (error as { type?: unknown } | null)?.type;
  const parserProblem = typeof parserType === 'string' ? bodyParserProblems[parserType] : undefined;
  if (parserProblem) return parserProblem();
  // Other client errors Express or its parsers raise (http-errors with a 4xx status) are the
  // request's fault, never a 500; their message is shown only when they mark it safe to.
  const raised = error as { status?: unknown; expose?: unknown; message?: unknown } | null;
  if (typeof raised?.status === 'number' && raised.status >= 400 && raised.status < 500) {
    const detail = raised.expose === true && typeof raised.message === 'string' ? raised.message : 'The request is malformed.';
    return problem(400, 'VALIDATION_FAILED', detail);
  }
  return problem(500, 'INTERNAL', 'Something went wrong on our side.');
}

/** Errors of unavailable dependencies may say when to come back (an open breaker does); else 1 s. */
function retryAfterSeconds(error: unknown): number {
  const seconds = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds >= 1 ? Math.ceil(seconds) : 1;
}
