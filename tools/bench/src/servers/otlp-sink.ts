import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Where the api exports its spans during the benchmark, so tracing runs as in production (batched
 * OTLP/HTTP export) without a collector: accepts every POST with an empty OTLP success answer.
 */
export class OtlpSink {
  readonly #server: Server;
  #requests = 0;
  #bytes = 0;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<OtlpSink> {
    const server = createServer();
    const sink = new OtlpSink(server);
    server.on('request', (req, res) => {
      sink.#requests += 1;
      req.on('data', (chunk: Buffer) => (sink.#bytes += chunk.length));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return sink;
  }

  /** The base URL for OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces). */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  get received(): { readonly requests: number; readonly bytes: number } {
    return { requests: this.#requests, bytes: this.#bytes };
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
