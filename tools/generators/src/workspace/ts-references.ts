import { updateJson } from '@nx/devkit';
import type { Tree } from '@nx/devkit';

interface TsConfigWithReferences {
  references?: { path: string }[];
}

/**
 * Adds a project reference to a tsconfig file, as `nx sync` (`@nx/js:typescript-sync`) would: the
 * root `tsconfig.json` references every project's folder, and a project's `tsconfig.lib.json`
 * references the `tsconfig.lib.json` of each workspace lib it depends on.
 */
export function addTsReference(tree: Tree, tsconfig: string, path: string): void {
  updateJson<TsConfigWithReferences>(tree, tsconfig, (json) => {
    const references = json.references ?? [];
    if (!references.some((reference) => normalise(reference.path) === normalise(path))) {
      references.push({ path });
    }
    return { ...json, references };
  });
}

function normalise(path: string): string {
  return path.replace(/^\.\//, '').replace(/\/$/, '');
}
