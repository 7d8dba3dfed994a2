import root from '../../eslint.config.mjs';

export default [
  ...root,
  {
    // The SDK runs in browsers too, and ships with openapi-fetch as its only dependency.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The SDK runs in browsers: no Node-only modules.' },
            { group: ['@carteria/*'], message: 'The SDK depends on openapi-fetch alone.' },
          ],
        },
      ],
    },
  },
];
