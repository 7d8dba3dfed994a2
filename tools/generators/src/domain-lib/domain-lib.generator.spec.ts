import { readFileSync } from 'node:fs';
import { readJson } from '@nx/devkit';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { domainLibGenerator, templateValues } from './domain-lib.generator.ts';

const rootFile = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');

function carteriaTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write('eslint.config.mjs', rootFile('eslint.config.mjs'));
  tree.write('tsconfig.json', JSON.stringify({ files: [], references: [{ path: './libs/shared/kernel' }] }));
  tree.write('libs/shared/kernel/tsconfig.lib.json', '{}');
  return tree;
}

describe('domain-lib generator', () => {
  it('makes libs/<name> shaped like the other libs, tagged scope:<name> and type:domain', async () => {
    const tree = carteriaTree();

    const install = await domainLibGenerator(tree, { name: 'gift-cards', skipInstall: true });

    expect(install).toBeUndefined();
    const files = tree.listChanges().map((change) => change.path).filter((path) => path.startsWith('libs/gift-cards/'));
    expect(files.sort()).toEqual(
      [
        'README.md',
        'eslint.config.mjs',
        'jest.config.mjs',
        'package.json',
        'src/adapters/in-memory-gift-cards-source.spec.ts',
        'src/adapters/in-memory-gift-cards-source.ts',
        'src/domain/gift-cards.errors.ts',
        'src/gift-cards.module.spec.ts',
        'src/gift-cards.module.ts',
        'src/index.ts',
        'src/ports/gift-cards-source.ts',
        'src/testing.ts',
        'src/testing/sample-gift-cards-entries.ts',
        'src/use-cases/require-gift-cards-entries.spec.ts',
        'src/use-cases/require-gift-cards-entries.ts',
        'tsconfig.json',
        'tsconfig.lib.json',
        'tsconfig.spec.json',
      ].map((file) => `libs/gift-cards/${file}`),
    );
    expect(readJson(tree, 'libs/gift-cards/package.json')).toEqual({
      name: '@carteria/gift-cards',
      version: '0.0.0',
      private: true,
      type: 'module',
      exports: { '.': './src/index.ts', './testing': './src/testing.ts' },
      nx: { name: 'gift-cards', tags: ['scope:gift-cards', 'type:domain'] },
      dependencies: { '@carteria/kernel': '*' },
    });
    expect(tree.read('libs/gift-cards/src/ports/gift-cards-source.ts', 'utf-8')).toContain('export interface GiftCardsSource {');
    expect(tree.read('libs/gift-cards/src/index.ts', 'utf-8')).toContain(
      "export { GIFT_CARDS_TOKENS, giftCardsModule } from './gift-cards.module.ts';",
    );
    expect(tree.read('libs/gift-cards/jest.config.mjs', 'utf-8')).toContain("from '../../jest.preset.mjs'");
  });

  it('registers the lib where the workspace needs it: module boundaries and TS project references', async () => {
    const tree = carteriaTree();

    await domainLibGenerator(tree, { name: 'loyalty', port: 'PointsLedger', skipInstall: true });

    expect(tree.read('eslint.config.mjs', 'utf-8')).toContain(
      "{ sourceTag: 'scope:loyalty', onlyDependOnLibsWithTags: ['scope:loyalty', 'scope:shared'] },",
    );
    expect(readJson(tree, 'tsconfig.json').references).toEqual([{ path: './libs/shared/kernel' }, { path: './libs/loyalty' }]);
    expect(readJson(tree, 'libs/loyalty/tsconfig.lib.json').references).toEqual([{ path: '../shared/kernel/tsconfig.lib.json' }]);
    expect(tree.exists('libs/loyalty/src/ports/points-ledger.ts')).toBe(true);
    expect(tree.read('libs/loyalty/src/adapters/in-memory-points-ledger.ts', 'utf-8')).toContain(
      'export class InMemoryPointsLedger implements PointsLedger {',
    );
  });

  it('returns a task that links the package with npm install, unless told to skip it', async () => {
    expect(typeof (await domainLibGenerator(carteriaTree(), { name: 'loyalty' }))).toBe('function');
  });

  it('refuses a name that is not a kebab-case noun, and a lib that exists', async () => {
    expect(() => templateValues({ name: 'Loyalty' })).toThrow(/kebab-case/);
    expect(() => templateValues({ name: 'loyalty/points' })).toThrow(/kebab-case/);
    const tree = carteriaTree();
    tree.write('libs/loyalty/README.md', '# taken\n');
    await expect(domainLibGenerator(tree, { name: 'loyalty', skipInstall: true })).rejects.toThrow(/already exists/);
  });
});
