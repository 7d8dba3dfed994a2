import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseJson } from './api-client.ts';

/** One request a fake received, parsed. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly contentType: string | undefined;
  /** W3C trace context the caller propagated, if any. */
  readonly traceparent: string | undefined;
  /** The parsed JSON body; undefined when there was none or it was not JSON. */
  readonly body: unknown;
}

/** What the well-behaved side of a fake answers. */
export interface FakeAnswer {
  readonly status: number;
  readonly json: unknown;
}

/**
 * How the fake behaves right now. Anything but 'ok' ignores the request and misbehaves:
 * 'hang' never answers (until the fake closes), 'server-error' answers 500, 'malformed-json'
 * answers 200 with a body cut in half, 'reset' destroys the connection without an answer.
 */
export type FakeMode = 'ok' | 'hang' | 'server-error' | 'malformed-json' | 'reset';

/**
 * A dependency stand-in on 127.0.0.1, a real node:http server the test controls: it records every
 * request, answers through `answer` while its mode is 'ok', misbehaves on demand, and can go down
 * (connections refused) and come back on the same port.
 */
export class FakeService {
  readonly name: string;
  readonly requests: ReceivedRequest[] = [];
  mode: FakeMode = 'ok';
  /** In mode 'ok', how long to wait before answering: a slow but correct service. */
  delayMs = 0;
  readonly #answer: (request: ReceivedRequest) => FakeAnswer;
  readonly #server: Server;
  #port = 0;

  private constructor(name: string, answer: (request: ReceivedRequest) => FakeAnswer) {
    this.name = name;
    this.#answer = answer;
    this.#server = createServer((request, response) => void this.#handle(request, response));
    // A hung answer keeps its socket open until the client gives up or the fake closes.
    this.#server.requestTimeout = 0;
  }

  static async start(name: string, answer: (request: ReceivedRequest) => FakeAnswer): Promise<FakeService> {
    const fake = new FakeService(name, answer);
    await fake.#listen(0);
    return fake;
  }

  /** The base URL to give the api, e.g. http://127.0.0.1:40123. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get listening(): boolean {
    return this.#server.listening;
  }

  /** Requests received since `mark` (a previous `requests.length`). */
  since(mark: number): ReceivedRequest[] {
    return this.requests.slice(mark);
  }

  /** Stops listening and drops every connection: the api's next attempts are refused. */
  async goDown(): Promise<void> {
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  /** Listens again on the same port. */
  async comeBack(): Promise<void> {
    if (!this.#server.listening) await this.#listen(this.#port);
  }

  close(): Promise<void> {
    return this.goDown();
  }

  #listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake');
    const received: ReceivedRequest = {
      method: request.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      contentType: request.headers['content-type'],
      traceparent: request.headers.traceparent?.toString(),
      body: parseJson(Buffer.concat(chunks).toString('utf8')),
    };
    this.requests.push(received);
    switch (this.mode) {
      case 'hang':
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'server-error':
        return send(response, 500, '{"title":"Internal Server Error"}');
      case 'malformed-json':
        return send(response, 200, '{"items": [{"id": "sku-0');
      case 'ok': {
        if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        const { status, json } = this.#answer(received);
        if (!response.destroyed) send(response, status, JSON.stringify(json));
        return;
      }
    }
  }
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(body);
}
