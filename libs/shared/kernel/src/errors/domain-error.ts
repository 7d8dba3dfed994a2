/**
 * What kind of failure an error is, in words free of any transport. The HTTP edge maps each kind
 * to one status; a new error code never needs a change there.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'limit_exceeded'
  | 'unprocessable'
  | 'unavailable';

/** Base of every error a Carteria lib throws on purpose: a stable machine-readable code and kind. */
export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  /** Facts a client can act on (RFC 9457 extension members), e.g. the lines that changed. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    kind: ErrorKind,
    message: string,
    options?: ErrorOptions & { readonly details?: Readonly<Record<string, unknown>> },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
    this.details = options?.details ?? {};
  }
}

/** One invalid field of an input, located by a JSON Pointer (RFC 6901). */
export interface FieldViolation {
  readonly pointer: string;
  readonly detail: string;
}

export class ValidationError extends DomainError {
  readonly violations: readonly FieldViolation[];

  constructor(message: string, violations: readonly FieldViolation[] = []) {
    super('VALIDATION_FAILED', 'invalid', message);
    this.violations = violations;
  }
}

/** The caller is known but may not do this, and saying so leaks nothing (a 404 is used where it would). */
export class AccessDeniedError extends DomainError {
  constructor(message = 'You may not do this.') {
    super('FORBIDDEN', 'forbidden', message);
  }
}
