import preset from '../../jest.preset.mjs';

// Slow: copies the workspace to a temp dir and runs both generators and the new lib's checks there.
export default {
  ...preset,
  displayName: 'tools:generated',
  rootDir: import.meta.dirname,
  testMatch: ['<rootDir>/src/**/*.generated.spec.ts'],
  testTimeout: 240_000,
};
