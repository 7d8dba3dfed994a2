import preset from '../../jest.preset.mjs';

// The fault suites start their own api processes and PostgreSQL servers and drive them hard, so
// they run one file at a time; each prints the figures it measured.
export default {
  ...preset,
  displayName: 'fault-e2e (history checker, database faults, crash)',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  maxWorkers: 1,
  testTimeout: 240_000,
  slowTestThreshold: 60,
};
