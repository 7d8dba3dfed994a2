import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { principalOf } from '@carteria/kernel';
import type { CartAction } from './cart-action.ts';
import { ScopeCartPolicy } from './scope-cart.policy.ts';

/** How the fake answers the next questions. */
export type FakeOpaBehaviour =
  /** Decides by the local scope table (the same as policy/cart.rego): `{"result": {"allow": bool}}`. */
  | { readonly kind: 'policy' }
  /** Answers this raw body with this status, whatever the question. */
  | { readonly kind: 'fixed'; readonly body: string; readonly status?: number }
  /** Decides by the scope table, but only after `delayMs`. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Drops the connection without answering. */
  | { readonly kind: 'reset' };

/** One request the fake received; `body` is the parsed JSON, or undefined when it was not JSON. */
export interface FakeOpaRequest {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/**
 * An Open Policy Agent stand-in on 127.0.0.1 (a free port), for tests: it serves OPA's Data API
 * on every path, records what it is asked, and misbehaves on request.
 */
export class FakeOpaServer {
  readonly requests: FakeOpaRequest[] = [];
  #behaviour: FakeOpaBehaviour = { kind: 'policy' };
  readonly #server: Server;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #policy = new ScopeCartPolicy();

  constructor() {
    this.#server = createServer((request, response) => void this.#handle(request, response));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  behave(behaviour: FakeOpaBehaviour): void {
    this.#behaviour = behaviour;
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.#server.close((e) => (e ? reject(e) : resolve())));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = parseJson(Buffer.concat(chunks).toString('utf8'));
    this.requests.push({ method: request.method ?? '', url: request.url ?? '', contentType: request.headers['content-type'], body });
    const behaviour = this.#behaviour;
    switch (behaviour.kind) {
      case 'fixed':
        response.writeHead(behaviour.status ?? 200, { 'content-type': 'application/json' }).end(behaviour.body);
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'slow': {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          void this.#answer(body, response);
        }, behaviour.delayMs);
        this.#timers.add(timer);
        return;
      }
      case 'policy':
        await this.#answer(body, response);
    }
  }

  async #answer(body: unknown, response: ServerResponse): Promise<void> {
    if (response.destroyed) return;
    const input = inputOf(body);
    if (input === undefined) {
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"invalid_parameter"}');
      return;
    }
    const allow = await this.#policy.decide(principalOf(input.subject, input.scopes), input.action, input.ownerId);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: { allow } }));
  }
}

interface Input {
  readonly subject: string;
  readonly scopes: readonly string[];
  readonly action: CartAction;
  readonly ownerId: string | null;
}

function inputOf(body: unknown): Input | undefined {
  if (typeof body !== 'object' || body === null || !('input' in body)) return undefined;
  const input: unknown = body.input;
  if (typeof input !== 'object' || input === null) return undefined;
  const { subject, scopes, action, ownerId } = input as Record<string, unknown>;
  const valid =
    typeof subject === 'string' &&
    Array.isArray(scopes) &&
    scopes.every((scope) => typeof scope === 'string') &&
    typeof action === 'string' &&
    (ownerId === null || typeof ownerId === 'string');
  return valid ? { subject, scopes, action: action as CartAction, ownerId } : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
