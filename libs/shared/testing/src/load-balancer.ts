import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Upstream {
  readonly url: URL;
  readonly agent: Agent;
  ready: boolean;
}

/**
 * A load balancer on 127.0.0.1 as a platform runs one: it sends each request to the next upstream
 * whose `GET /readyz` last answered 200 (probed every `probeIntervalMs`), round robin, and never
 * retries: a request that fails on its upstream fails for the client, so tests see every failure.
 */
export class LoadBalancer {
  readonly #upstreams: Upstream[];
  readonly #server: Server;
  readonly #probe: NodeJS.Timeout;
  #next = 0;

  private constructor(upstreams: readonly string[], probeIntervalMs: number) {
    this.#upstreams = upstreams.map((url) => ({ url: new URL(url), agent: new Agent({ keepAlive: true }), ready: false }));
    this.#server = createServer((req, res) => {
      const upstream = this.#pick();
      if (!upstream) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('no ready upstream');
        return;
      }
      const forwarded = httpRequest(
        { host: upstream.url.hostname, port: upstream.url.port, method: req.method, path: req.url, headers: req.headers, agent: upstream.agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('upstream failed');
      });
      req.pipe(forwarded);
    });
    this.#probe = setInterval(() => void this.#probeAll(), probeIntervalMs);
  }

  static async start(upstreams: readonly string[], options: { probeIntervalMs?: number } = {}): Promise<LoadBalancer> {
    const balancer = new LoadBalancer(upstreams, options.probeIntervalMs ?? 100);
    await balancer.#probeAll();
    await new Promise<void>((resolve) => balancer.#server.listen(0, '127.0.0.1', resolve));
    return balancer;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** The upstreams that were ready at the last probe. */
  get readyUpstreams(): string[] {
    return this.#upstreams.filter((upstream) => upstream.ready).map((upstream) => upstream.url.origin);
  }

  async close(): Promise<void> {
    clearInterval(this.#probe);
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
    for (const upstream of this.#upstreams) upstream.agent.destroy();
  }

  #pick(): Upstream | undefined {
    for (let tried = 0; tried < this.#upstreams.length; tried++) {
      const upstream = this.#upstreams[this.#next++ % this.#upstreams.length];
      if (upstream?.ready) return upstream;
    }
    return undefined;
  }

  async #probeAll(): Promise<void> {
    await Promise.all(
      this.#upstreams.map(async (upstream) => {
        try {
          const response = await fetch(new URL('/readyz', upstream.url), { signal: AbortSignal.timeout(500) });
          await response.body?.cancel();
          upstream.ready = response.status === 200;
        } catch {
          upstream.ready = false;
        }
      }),
    );
  }
}
