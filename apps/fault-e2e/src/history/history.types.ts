import type { LineState } from '../support/cart-http.ts';

export type OperationKind = 'add' | 'set' | 'remove' | 'empty';

/** One request of the workload and what came back. */
export interface OperationRecord {
  readonly client: number;
  readonly cartId: string;
  readonly kind: OperationKind;
  readonly productId?: string;
  readonly quantity?: number;
  /** The If-Match version sent, if any. */
  readonly ifMatch?: number;
  /** Milliseconds since the workload began. */
  readonly startedMs: number;
  readonly endedMs: number;
  /** 0 when no answer came (connection refused or reset, client timeout). */
  readonly status: number;
  readonly code?: string;
  /** For 200 answers: the version the answer carries and its lines. */
  readonly version?: number;
  readonly lines?: readonly LineState[];
  /** For 5xx answers: the Content-Type and Retry-After headers. */
  readonly contentType?: string;
  readonly retryAfter?: string;
  /** Why no answer came (status 0). */
  readonly failure?: string;
}

/** A cart event as GET /v1/carts/{id}/events lists it, reduced to what the fold needs. */
export interface CartEventRecord {
  readonly sequence: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What the service holds for one cart once the workload is over. */
export interface FinalCart {
  readonly cartId: string;
  readonly version: number;
  readonly lines: readonly LineState[];
  /** Every event of the cart, in sequence order. */
  readonly events: readonly CartEventRecord[];
}

/** An answer that says the request changed nothing (a refusal the client caused or that the cart state explains). */
export function isRefusal(status: number): boolean {
  return status >= 400 && status < 500;
}

/** No answer, or a 5xx: the change may or may not have been applied. */
export function isIndeterminate(status: number): boolean {
  return status === 0 || status >= 500;
}
