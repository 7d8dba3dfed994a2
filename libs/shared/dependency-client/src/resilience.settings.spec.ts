import { callBudgetMs, defaultResilience, resolveResilience } from './resilience.settings.ts';

describe('resilience settings', () => {
  it('defaults to the values the issue asks for', () => {
    expect(defaultResilience).toEqual({
      timeoutMs: 300,
      retries: 2,
      breakerThreshold: 5,
      breakerHalfOpenAfterMs: 5000,
      bulkheadLimit: 10,
      bulkheadQueue: 100,
    });
  });

  it('keeps a hung idempotent call under a second with the defaults', () => {
    expect(callBudgetMs(defaultResilience, true)).toBe(300 * 3 + 25 + 50);
    expect(callBudgetMs(defaultResilience, true)).toBeLessThan(1000);
    expect(callBudgetMs(defaultResilience, false)).toBe(300);
  });

  it('caps each backoff wait, however many retries', () => {
    expect(callBudgetMs({ ...defaultResilience, timeoutMs: 100, retries: 5 }, true)).toBe(600 + 25 + 50 + 100 + 100 + 100);
  });

  it('overrides only the given fields', () => {
    expect(resolveResilience({ timeoutMs: 50, retries: undefined })).toEqual({ ...defaultResilience, timeoutMs: 50 });
  });

  it.each([
    ['timeoutMs', 0],
    ['retries', -1],
    ['breakerThreshold', 0],
    ['bulkheadLimit', 1.5],
    ['bulkheadQueue', Number.NaN],
  ] as const)('refuses %s = %s', (name, value) => {
    expect(() => resolveResilience({ [name]: value })).toThrow(RangeError);
  });
});
