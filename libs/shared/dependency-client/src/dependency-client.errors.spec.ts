import { DomainError } from '@carteria/kernel';
import { DependencyUnavailableError } from './dependency-client.errors.ts';

describe('DependencyUnavailableError', () => {
  it('is a domain error of kind unavailable that names the dependency', () => {
    const cause = new Error('socket hang up');
    const error = new DependencyUnavailableError('billing', 'quote: timed out', { cause });
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      kind: 'unavailable',
      name: 'DependencyUnavailableError',
      dependency: 'billing',
      retryAfterSeconds: 1,
      reason: 'quote: timed out',
      message: 'A service this request needs (billing) is unavailable; try again shortly.',
      cause,
    });
  });

  it('asks callers to wait whole seconds, at least one', () => {
    expect(new DependencyUnavailableError('x', 'r', { retryAfterSeconds: 4.2 }).retryAfterSeconds).toBe(5);
    expect(new DependencyUnavailableError('x', 'r', { retryAfterSeconds: 0 }).retryAfterSeconds).toBe(1);
    expect(new DependencyUnavailableError('x', 'r', { retryAfterSeconds: Number.NaN }).retryAfterSeconds).toBe(1);
  });
});
