import { DomainError } from '@carteria/kernel';

export class IdempotencyKeyInUseError extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_IN_USE', 'conflict', 'A request with this Idempotency-Key is still running; retry shortly.');
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      'unprocessable',
      'This Idempotency-Key was used for a different request; use a new key for a new request.',
    );
  }
}
