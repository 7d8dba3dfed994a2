import preset from '../../jest.preset.mjs';

// Browser tests: one api (embedded database, a fake Billing) and one Chromium for the whole file.
export default {
  ...preset,
  displayName: 'storefront-e2e (browser tests: Chromium against a started api)',
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  maxWorkers: 1,
  testTimeout: 60_000,
  slowTestThreshold: 30,
};
