import nx from '@nx/eslint-plugin';

// Libraries that only the app's edge may touch: a domain that imports one is coupled to a framework.
const edgeOnlyPackages = ['express', '@prisma/*', 'pino', 'pino-*', 'prom-client', '@opentelemetry/sdk-*'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/coverage', '**/src/generated', '**/node_modules'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          checkDynamicDependenciesExceptions: [],
          allow: [],
          depConstraints: [
            // scope: a domain depends on itself and the shared libs; only the app composes domains.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:cart', onlyDependOnLibsWithTags: ['scope:cart', 'scope:shared'] },
            { sourceTag: 'scope:authz', onlyDependOnLibsWithTags: ['scope:authz', 'scope:shared'] },
            { sourceTag: 'scope:products', onlyDependOnLibsWithTags: ['scope:products', 'scope:shared'] },
            { sourceTag: 'scope:pricing', onlyDependOnLibsWithTags: ['scope:pricing', 'scope:shared'] },
            { sourceTag: 'scope:analytics', onlyDependOnLibsWithTags: ['scope:analytics', 'scope:shared'] },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: [
                'scope:api',
                'scope:cart',
                'scope:authz',
                'scope:products',
                'scope:pricing',
                'scope:analytics',
                'scope:shared',
              ],
            },
            { sourceTag: 'scope:api-e2e', onlyDependOnLibsWithTags: ['scope:api-e2e', 'scope:shared'] },
            { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['scope:bench', 'scope:shared'] },
            // type: what kind of code may lean on what.
            { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: ['type:kernel'] },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:data-access'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:data-access', 'type:testing'],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:data-access', 'type:testing'],
              bannedExternalImports: edgeOnlyPackages,
            },
            {
              sourceTag: 'type:adapter',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:data-access', 'type:testing'],
              bannedExternalImports: edgeOnlyPackages,
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:data-access', 'type:kernel', 'type:testing'],
            },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:kernel'] },
            // The SDK imports no workspace lib (openapi-fetch only); its tests start the api with the testing lib.
            { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:testing'] },
          ],
        },
      ],
    },
  },
  {
    // Inside a domain lib only the adapters may reach the database lib; rules and use cases stay pure.
    files: ['**/src/domain/**/*.ts', '**/src/use-cases/**/*.ts', '**/src/ports/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@carteria/db', '@carteria/db/*'], message: 'Only src/adapters may use the database.' }] },
      ],
    },
  },
  {
    // Tests may assert presence with `!` after they have checked it.
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
