import preset from '../../jest.preset.mjs';

// The SDK's tests talk to a real api: globalSetup starts one (embedded database) for all files.
export default {
  ...preset,
  displayName: 'cart-client',
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 60_000,
};
