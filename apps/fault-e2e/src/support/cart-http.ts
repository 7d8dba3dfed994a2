/** One line as the checks compare it: the product and its quantity, in the cart's order. */
export interface LineState {
  readonly productId: string;
  readonly quantity: number;
}

/** What one request got: the status (0 when no answer came), and the cart when the body is one. */
export interface HttpOutcome {
  readonly status: number;
  /** The problem's `code`, for 4xx and 5xx answers. */
  readonly code?: string;
  readonly version?: number;
  readonly lines?: readonly LineState[];
  readonly body: unknown;
  readonly headers: Headers | undefined;
  /** Wall-clock time from sending to the whole body (or to the failure). */
  readonly latencyMs: number;
  /** Why there was no answer (connection refused, reset, client timeout). */
  readonly failure?: string;
}

export interface CartHttpOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** A request with no answer after this long is abandoned and recorded as status 0. Default 10 000. */
  readonly timeoutMs?: number;
}

/**
 * A bare HTTP client for the cart endpoints, built for many requests: it never throws for a
 * failed request, it records the outcome (status, problem code, cart version and lines) instead.
 */
export class CartHttp {
  readonly baseUrl: string;
  readonly #token: string;
  readonly #timeoutMs: number;

  constructor(options: CartHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#token = options.token;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  createCart(): Promise<HttpOutcome> {
    return this.send('POST', '/v1/carts', {});
  }

  getCart(cartId: string): Promise<HttpOutcome> {
    return this.send('GET', `/v1/carts/${cartId}`);
  }

  addItem(cartId: string, productId: string, quantity: number, ifMatch?: number): Promise<HttpOutcome> {
    return this.send('POST', `/v1/carts/${cartId}/items`, { productId, quantity }, ifMatch);
  }

  setQuantity(cartId: string, productId: string, quantity: number, ifMatch?: number): Promise<HttpOutcome> {
    return this.send('PUT', `/v1/carts/${cartId}/items/${encodeURIComponent(productId)}`, { quantity }, ifMatch);
  }

  removeItem(cartId: string, productId: string, ifMatch?: number): Promise<HttpOutcome> {
    return this.send('DELETE', `/v1/carts/${cartId}/items/${encodeURIComponent(productId)}`, undefined, ifMatch);
  }

  emptyCart(cartId: string, ifMatch?: number): Promise<HttpOutcome> {
    return this.send('DELETE', `/v1/carts/${cartId}/items`, undefined, ifMatch);
  }

  async send(method: string, path: string, json?: unknown, ifMatch?: number): Promise<HttpOutcome> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token}` };
    if (json !== undefined) headers['content-type'] = 'application/json';
    if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
    const started = performance.now();
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      const text = await response.text();
      const latencyMs = performance.now() - started;
      const body = parseJson(text);
      return { status: response.status, headers: response.headers, body, latencyMs, ...cartFields(body) };
    } catch (error) {
      const failure = error instanceof Error ? `${error.name}: ${causeOf(error)}` : String(error);
      return { status: 0, headers: undefined, body: undefined, latencyMs: performance.now() - started, failure };
    }
  }
}

function cartFields(body: unknown): Pick<HttpOutcome, 'code' | 'version' | 'lines'> {
  if (typeof body !== 'object' || body === null) return {};
  const { code, version, items } = body as { code?: unknown; version?: unknown; items?: unknown };
  const fields: { code?: string; version?: number; lines?: LineState[] } = {};
  if (typeof code === 'string') fields.code = code;
  if (typeof version === 'number') fields.version = version;
  if (Array.isArray(items)) {
    fields.lines = items.map((item: { productId?: unknown; quantity?: unknown }) => ({
      productId: String(item.productId),
      quantity: Number(item.quantity),
    }));
  }
  return fields;
}

function causeOf(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
