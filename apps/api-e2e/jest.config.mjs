import preset from '../../jest.preset.mjs';

// The slow suite: globalSetup starts a real api per backend (embedded PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set) and the files share them, so they run one at a time (the concurrency
// figures are not disturbed by other files' traffic).
export default {
  ...preset,
  displayName: 'api-e2e (slow: black-box HTTP against a started api)',
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  // Every answer a test sees is checked against the served OpenAPI document (support/contract-check.ts).
  setupFilesAfterEnv: ['<rootDir>/src/support/contract.setup.ts'],
  maxWorkers: 1,
  testTimeout: 60_000,
  slowTestThreshold: 20,
};
