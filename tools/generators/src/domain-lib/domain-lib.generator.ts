import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFiles, names, offsetFromRoot, OverwriteStrategy } from '@nx/devkit';
import type { GeneratorCallback, Tree } from '@nx/devkit';
import { linkWorkspacePackages } from '../workspace/install-packages.ts';
import { addScopeConstraint } from '../workspace/module-boundaries.ts';
import { addTsReference } from '../workspace/ts-references.ts';

export interface DomainLibOptions {
  readonly name: string;
  readonly port?: string;
  readonly skipInstall?: boolean;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const KERNEL_ROOT = 'libs/shared/kernel';
const TEMPLATES = fileURLToPath(new URL('./files', import.meta.url));

/** `nx g @carteria/tools:domain-lib <name> [--port=<port>]` */
export async function domainLibGenerator(tree: Tree, options: DomainLibOptions): Promise<GeneratorCallback | undefined> {
  const substitutions = templateValues(options);
  const projectRoot = `libs/${substitutions.fileName}`;
  if (tree.exists(projectRoot)) throw new Error(`${projectRoot} already exists.`);
  if (!tree.exists(`${KERNEL_ROOT}/tsconfig.lib.json`)) throw new Error(`${KERNEL_ROOT} is missing: is this the Carteria workspace?`);

  generateFiles(tree, TEMPLATES, projectRoot, substitutions, { overwriteStrategy: OverwriteStrategy.ThrowIfExisting });
  addScopeConstraint(tree, substitutions.fileName);
  addTsReference(tree, 'tsconfig.json', `./${projectRoot}`);

  return options.skipInstall ? undefined : linkWorkspacePackages(tree);
}

export function templateValues(options: DomainLibOptions) {
  if (!KEBAB.test(options.name)) throw new Error(`"${options.name}" is not a kebab-case noun (e.g. loyalty, gift-cards).`);
  const lib = names(options.name);
  const port = names(options.port ?? `${options.name}-source`);
  if (!KEBAB.test(port.fileName)) throw new Error(`"${options.port}" does not make a kebab-case file name.`);
  const projectRoot = `libs/${lib.fileName}`;
  return {
    fileName: lib.fileName,
    className: lib.className,
    propertyName: lib.propertyName,
    constantName: lib.constantName,
    entryClass: `${lib.className}Entry`,
    portFile: port.fileName,
    portClass: port.className,
    portProperty: port.propertyName,
    offset: offsetFromRoot(projectRoot),
    kernelReference: `${posix.relative(projectRoot, KERNEL_ROOT)}/tsconfig.lib.json`,
  };
}
