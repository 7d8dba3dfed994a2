import preset from '../../jest.preset.mjs';

// The generated-workspace test copies the repo and runs Nx in it; it has its own target (test-generated).
export default {
  ...preset,
  displayName: 'tools',
  testPathIgnorePatterns: ['/node_modules/', '\\.generated\\.spec\\.ts$', '/files/'],
};
