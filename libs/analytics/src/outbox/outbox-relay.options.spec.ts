import { outboxRelayDefaults, resolveRelaySettings, retryDelayMs } from './outbox-relay.options.ts';

describe('relay settings', () => {
  it('fill in the defaults and ignore fields that are not settings', () => {
    expect(resolveRelaySettings({})).toEqual(outboxRelayDefaults);
    const settings = resolveRelaySettings({ batchSize: 10, pollIntervalMs: undefined, ...{ database: 'not a setting' } });
    expect(settings).toEqual({ ...outboxRelayDefaults, batchSize: 10 });
  });

  it.each([
    ['batchSize', 0],
    ['batchSize', 10_001],
    ['pollIntervalMs', 0.5],
    ['retryInitialDelayMs', -1],
    ['publishBudgetMs', Number.NaN],
  ] as const)('refuse %s = %p', (name, value) => {
    expect(() => resolveRelaySettings({ [name]: value })).toThrow(RangeError);
  });

  it('refuse a retry ceiling below the first delay', () => {
    expect(() => resolveRelaySettings({ retryInitialDelayMs: 500, retryMaxDelayMs: 100 })).toThrow(RangeError);
  });
});

describe('retryDelayMs', () => {
  const settings = resolveRelaySettings({ retryInitialDelayMs: 100, retryMaxDelayMs: 1_000 });

  it('doubles per failure in a row up to the ceiling, drawn from its upper half', () => {
    const lowest = () => 0;
    const highest = () => 1;
    expect([1, 2, 3, 4, 5, 10].map((n) => retryDelayMs(settings, n, highest))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect([1, 2, 3, 4, 5, 10].map((n) => retryDelayMs(settings, n, lowest))).toEqual([50, 100, 200, 400, 500, 500]);
  });
});
