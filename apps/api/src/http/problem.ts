import type { Response } from 'express';
import type { ErrorKind, FieldViolation } from '@carteria/kernel';
import { activeTraceId } from '../observability/trace-context.ts';

/** RFC 9457 problem details, the body of every 4xx and 5xx answer. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly FieldViolation[];
  readonly [extension: string]: unknown;
}

export const statusOfKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  limit_exceeded: 422,
  unprocessable: 422,
  precondition_required: 428,
  unavailable: 503,
};

/** The `title` of a problem, by status (RFC 9110 reason phrases). */
export const titles: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: readonly FieldViolation[],
  extensions: Readonly<Record<string, unknown>> = {},
): Problem {
  return {
    ...extensions,
    type: `https://carteria.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Sends the problem with the request's `traceId`, the handle for finding its logs and spans. */
export function sendProblem(res: Response, body: Problem): void {
  const traceId = activeTraceId();
  res
    .status(body.status)
    .type('application/problem+json')
    .send(JSON.stringify(traceId ? { ...body, traceId } : body));
}
