import root from '../../eslint.config.mjs';

// Template folders hold EJS, not TypeScript; they are checked where they land (the generated-workspace test).
export default [...root, { ignores: ['src/**/files/**'] }];
