// Shared by every project's jest.config.mjs. Sources are ESM TypeScript (run natively by Node 24),
// so Jest runs in ESM mode (NODE_OPTIONS=--experimental-vm-modules, set by nx.json) and swc only
// strips types.
export default {
  testEnvironment: 'node',
  // A guard against hangs, not a performance check: embedded databases start slowly on a busy 2-core CI.
  testTimeout: 30_000,
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2024' },
        module: { type: 'es6' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  coverageDirectory: 'coverage',
};
