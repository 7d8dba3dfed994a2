import preset from '../../jest.preset.mjs';

// Unit tests of the shop's pure modules (public/js is plain ESM, loaded as it is served).
export default { ...preset, displayName: 'storefront', testMatch: ['<rootDir>/spec/**/*.spec.ts'] };
