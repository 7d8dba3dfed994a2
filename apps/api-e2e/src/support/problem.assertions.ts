import type { ProblemBody } from './api.types.ts';
import type { ApiResponse } from './api-client.ts';

/**
 * The response is an RFC 9457 problem with this status and stable code, a non-empty detail, and
 * nothing internal (no stack trace, no HTML).
 */
export function expectProblem(response: ApiResponse, status: number, code: string): ProblemBody {
  const body = response.body as ProblemBody;
  expect({ status: response.status, code: body?.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^https?:\/\//),
      title: expect.any(String),
      status,
      detail: expect.stringMatching(/\S/),
      code,
    }),
  );
  expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+|<html|stack/i);
  return body;
}
