import preset from '../../../jest.preset.mjs';

// Database tests start PGlite (WebAssembly) or talk to PostgreSQL: allow more than Jest's 5 s.
export default { ...preset, displayName: 'testing', testTimeout: 60_000 };
