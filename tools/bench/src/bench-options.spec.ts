import { parseBenchOptions } from './bench-options.ts';

const env = { TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' };

describe('parseBenchOptions', () => {
  it('defaults to the full run, the server from BENCH_DATABASE_URL before TEST_DATABASE_URL', () => {
    const options = parseBenchOptions([], { ...env, BENCH_DATABASE_URL: 'postgres://bench@db/postgres' });
    expect(options).toMatchObject({ serverUrl: 'postgres://bench@db/postgres', quick: false, durationSeconds: 5, carts: [1000, 100_000, 1_000_000], pools: [2, 5, 10, 20] });
  });

  it('takes --quick, sweep lists, skipped phases and extra env', () => {
    const options = parseBenchOptions(['--quick', '--lines', '1,5', '--skip', 'carts,startup', '--variant-env', 'OTEL_SDK_DISABLED=true'], env);
    expect(options).toMatchObject({ quick: true, durationSeconds: 2, lines: [1, 5], variantEnv: { OTEL_SDK_DISABLED: 'true' } });
    expect([...options.skip]).toEqual(['carts', 'startup']);
  });

  it('refuses a missing server and bad values with a reason', () => {
    expect(() => parseBenchOptions([], {})).toThrow(/BENCH_DATABASE_URL or TEST_DATABASE_URL/);
    expect(() => parseBenchOptions(['--pools', '0'], env)).toThrow(/--pools/);
    expect(() => parseBenchOptions(['--skip', 'everything'], env)).toThrow(/unknown phase/);
  });
});
