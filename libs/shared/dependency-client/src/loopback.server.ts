import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

/** One request as the server saw it. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query, e.g. /products?ids=a,b */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** Answers (or misbehaves on) one request; `index` counts requests from 0. */
export type LoopbackHandler = (request: ReceivedRequest, response: ServerResponse, index: number) => void;

export interface LoopbackServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Every request received so far, oldest first. */
  readonly requests: readonly ReceivedRequest[];
  /** Destroys open connections (hung ones included) and stops listening. */
  close(): Promise<void>;
}

/**
 * A real node:http server on 127.0.0.1 and a free port, for tests of HTTP adapters. The handler
 * gets the whole request body; it may answer, never answer (hang), or `response.socket?.destroy()`.
 */
export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      handler(request, response, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A loopback URL on which nothing listens (connection refused). */
export async function unusedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Answers `status` with `body` as JSON. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * Makes one request through undici and throws it away. undici compiles its HTTP parser
 * (WebAssembly) on the first connection of a process, or of a Jest test file; on a busy machine
 * that takes longer than a 300 ms attempt timeout. Call it in `beforeAll` so the first test
 * measures the client, not the compiler.
 */
export async function warmUpHttpClient(): Promise<void> {
  const server = await startLoopbackServer((_request, response) => sendJson(response, 200, {}));
  const pool = new Pool(server.url);
  try {
    const response = await pool.request({ method: 'GET', path: '/' });
    await response.body.dump();
  } finally {
    await pool.close();
    await server.close();
  }
}
