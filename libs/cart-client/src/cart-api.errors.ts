/** The problem codes the cart API documents; other strings may appear as the API grows. */
export type ProblemCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_JSON'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CART_NOT_FOUND'
  | 'LINE_NOT_FOUND'
  | 'ROUTE_NOT_FOUND'
  | 'CART_CHECKED_OUT'
  | 'CART_CHANGED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'CART_VERSION_MISMATCH'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'QUANTITY_LIMIT_EXCEEDED'
  | 'LINE_LIMIT_EXCEEDED'
  | 'PRODUCT_NOT_FOUND'
  | 'PRODUCT_UNAVAILABLE'
  | 'PRICE_UNAVAILABLE'
  | 'CURRENCY_MISMATCH'
  | 'CART_EMPTY'
  | 'IF_MATCH_REQUIRED'
  | 'INTERNAL'
  | 'SERVICE_STARTING'
  | 'SERVICE_DRAINING'
  | 'DEPENDENCY_UNAVAILABLE'
  | 'AUTH_UNAVAILABLE'
  | (string & {});

/** Where a request was wrong: `/body/quantity`, `/path/cartId`, `/header/if-match`. */
export interface FieldViolation {
  readonly pointer: string;
  readonly detail: string;
}

/** An RFC 9457 problem as the API sends it (application/problem+json). */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ProblemCode;
  readonly errors?: readonly FieldViolation[];
  readonly traceId?: string;
  readonly [extension: string]: unknown;
}

/** A line that moved since the shopper saw it (CART_CHANGED). */
export interface LineChange {
  readonly productId: string;
  readonly problem: string;
  readonly previousUnitPrice?: unknown;
  readonly unitPrice?: unknown;
}

/** Any answer of the API that was not a success: the problem's fields, typed. */
export class CartApiError extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  /** The request's trace id, for finding its logs and spans, when the API sent one. */
  readonly traceId: string | undefined;
  readonly errors: readonly FieldViolation[];
  /** The whole problem body, extensions included. */
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.name = 'CartApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.traceId = problem.traceId;
    this.errors = problem.errors ?? [];
    this.problem = problem;
  }
}

/** 400 VALIDATION_FAILED / MALFORMED_JSON: `errors` says which fields. */
export class ValidationFailedError extends CartApiError {
  override readonly name = 'ValidationFailedError';
}

/** 401: no, bad or expired bearer token or Cart-Token. */
export class UnauthenticatedError extends CartApiError {
  override readonly name = 'UnauthenticatedError';
}

/** 404 CART_NOT_FOUND: no such cart, deleted, or not yours. */
export class CartNotFoundError extends CartApiError {
  override readonly name = 'CartNotFoundError';
}

/** 409 CART_CHECKED_OUT: the cart is frozen. */
export class CartCheckedOutError extends CartApiError {
  override readonly name = 'CartCheckedOutError';
}

/** 412 CART_VERSION_MISMATCH: If-Match named a version that is no longer current; nothing changed. */
export class CartVersionMismatchError extends CartApiError {
  override readonly name = 'CartVersionMismatchError';
}

/** 409 CART_CHANGED at checkout: prices or stock moved; the cart now has fresh prices at `version`. */
export class CartChangedError extends CartApiError {
  override readonly name = 'CartChangedError';
  readonly changes: readonly LineChange[];
  /** The cart's version after the refresh (its ETag), to confirm again with. */
  readonly version: number | undefined;

  constructor(problem: ProblemDetails, version: number | undefined) {
    super(problem);
    this.changes = Array.isArray(problem['changes']) ? (problem['changes'] as LineChange[]) : [];
    this.version = version;
  }
}

/** 422 QUANTITY_LIMIT_EXCEEDED / LINE_LIMIT_EXCEEDED: the change would pass a cart limit (`detail` names it). */
export class CartLimitError extends CartApiError {
  override readonly name = 'CartLimitError';
}

/** 503: starting, draining, or a dependency is down; `retryAfterSeconds` from Retry-After. */
export class ServiceUnavailableError extends CartApiError {
  override readonly name = 'ServiceUnavailableError';
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: ProblemDetails, retryAfterSeconds: number | undefined) {
    super(problem);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const byCode: Partial<Record<string, new (problem: ProblemDetails) => CartApiError>> = {
  VALIDATION_FAILED: ValidationFailedError,
  MALFORMED_JSON: ValidationFailedError,
  CART_NOT_FOUND: CartNotFoundError,
  CART_CHECKED_OUT: CartCheckedOutError,
  CART_VERSION_MISMATCH: CartVersionMismatchError,
  QUANTITY_LIMIT_EXCEEDED: CartLimitError,
  LINE_LIMIT_EXCEEDED: CartLimitError,
};

/** The typed error for a failed answer; a body that is not a problem still gives status and text. */
export function cartApiErrorOf(response: Response, body: unknown): CartApiError {
  const problem = asProblem(response, body);
  if (problem.code === 'CART_CHANGED') return new CartChangedError(problem, versionOf(response));
  if (problem.status === 503) return new ServiceUnavailableError(problem, retryAfterOf(response));
  if (problem.status === 401) return new UnauthenticatedError(problem);
  const ErrorClass = byCode[problem.code] ?? CartApiError;
  return new ErrorClass(problem);
}

/** The version in an `ETag: "<version>"` header (weak or strong), if there is one. */
export function versionOf(response: Response): number | undefined {
  const match = /^(?:W\/)?"(\d+)"$/.exec(response.headers.get('etag') ?? '');
  return match ? Number(match[1]) : undefined;
}

function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function asProblem(response: Response, body: unknown): ProblemDetails {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return {
    ...fields,
    type: text(fields['type']) ?? 'about:blank',
    title: text(fields['title']) ?? (response.statusText || `HTTP ${response.status}`),
    status: typeof fields['status'] === 'number' ? fields['status'] : response.status,
    detail: text(fields['detail']) ?? (typeof body === 'string' && body ? body.slice(0, 500) : 'The API answered without a problem body.'),
    code: text(fields['code']) ?? `HTTP_${response.status}`,
    ...(Array.isArray(fields['errors']) ? { errors: fields['errors'] as FieldViolation[] } : {}),
    ...(text(fields['traceId']) ? { traceId: text(fields['traceId']) } : {}),
  };
}
