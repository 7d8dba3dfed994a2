import { readFileSync } from 'node:fs';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import ts from 'typescript';
import { addScopeConstraint, ESLINT_CONFIG } from './module-boundaries.ts';

const workspaceConfig = readFileSync(new URL('../../../../eslint.config.mjs', import.meta.url), 'utf8');

function treeWith(config: string) {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(ESLINT_CONFIG, config);
  return tree;
}

describe('addScopeConstraint', () => {
  it("lets the new scope import itself and scope:shared, and lets scope:api import it (the workspace's own config)", () => {
    const tree = treeWith(workspaceConfig);

    addScopeConstraint(tree, 'loyalty');

    const config = tree.read(ESLINT_CONFIG, 'utf-8')!;
    expect(config).toContain("{ sourceTag: 'scope:loyalty', onlyDependOnLibsWithTags: ['scope:loyalty', 'scope:shared'] },");
    expect(config.indexOf("sourceTag: 'scope:loyalty'")).toBeLessThan(config.indexOf("sourceTag: 'scope:api'"));
    const apiRow = config.slice(config.indexOf("sourceTag: 'scope:api'"), config.indexOf("sourceTag: 'scope:api-e2e'"));
    expect(apiRow).toContain("'scope:loyalty',");
    // Nothing else changed, and it still parses.
    expect(config.replace(/.*scope:loyalty.*\n/g, '')).toBe(workspaceConfig);
    const { diagnostics } = ts.transpileModule(config, { reportDiagnostics: true, fileName: ESLINT_CONFIG });
    expect(diagnostics).toEqual([]);
  });

  it('changes nothing the second time', () => {
    const tree = treeWith(workspaceConfig);
    addScopeConstraint(tree, 'loyalty');
    const once = tree.read(ESLINT_CONFIG, 'utf-8');

    addScopeConstraint(tree, 'loyalty');

    expect(tree.read(ESLINT_CONFIG, 'utf-8')).toBe(once);
  });

  it('handles a one-line api row', () => {
    const tree = treeWith(
      "export default [{ rules: { x: ['error', { depConstraints: [\n  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },\n] }] } }];\n",
    );

    addScopeConstraint(tree, 'gift-cards');

    expect(tree.read(ESLINT_CONFIG, 'utf-8')).toBe(
      "export default [{ rules: { x: ['error', { depConstraints: [\n  { sourceTag: 'scope:gift-cards', onlyDependOnLibsWithTags: ['scope:gift-cards', 'scope:shared'] },\n  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:gift-cards', 'scope:shared'] },\n] }] } }];\n",
    );
  });

  it('refuses a config without depConstraints, rather than leave the scope unconstrained', () => {
    expect(() => addScopeConstraint(treeWith('export default [];\n'), 'loyalty')).toThrow(/depConstraints/);
  });
});
