import { request } from 'node:http';
import { expectContract } from './contract-check.ts';

export interface SlowRequest {
  /** Resolves once the headers and the first half of the body have been written to the socket. */
  readonly started: Promise<void>;
  /** Writes the rest of the body. */
  finish(): void;
  readonly response: Promise<{ readonly status: number; readonly body: unknown }>;
}

/**
 * A JSON request whose body arrives in two halves, so the server has surely accepted it (and is
 * waiting for the rest) at a moment the test chooses: a request that is in flight by construction.
 * Its answer is checked against the OpenAPI document like ApiClient's.
 */
export function slowJsonRequest(url: string, method: string, headers: Record<string, string>, json: unknown): SlowRequest {
  const body = Buffer.from(JSON.stringify(json));
  const half = Math.floor(body.length / 2);
  const req = request(url, {
    method,
    headers: { ...headers, 'content-type': 'application/json', 'content-length': String(body.length) },
  });
  const response = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const status = res.statusCode ?? 0;
        const headers = new Headers(Object.entries(res.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)] as [string, string]])));
        const { origin, pathname, search } = new URL(url);
        expectContract(origin, method, `${pathname}${search}`, { status, headers, text }).then(
          () => resolve({ status, body: text ? (JSON.parse(text) as unknown) : undefined }),
          reject,
        );
      });
    });
  });
  req.flushHeaders();
  const started = new Promise<void>((resolve, reject) => {
    req.write(body.subarray(0, half), (error) => (error ? reject(error) : resolve()));
  });
  return { started, response, finish: () => req.end(body.subarray(half)) };
}
