import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFiles, getProjects, names, OverwriteStrategy } from '@nx/devkit';
import type { Tree } from '@nx/devkit';
import { readPortDeclaration } from './port-declaration.ts';
import { addBindingHint, addExport, addPortsRow } from './adapter.registration.ts';

export interface AdapterOptions {
  readonly port: string;
  readonly name: string;
  readonly project: string;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const TEMPLATES = fileURLToPath(new URL('./files', import.meta.url));

/** `nx g @carteria/tools:adapter <port> <name> --project=<lib>` */
export async function adapterGenerator(tree: Tree, options: AdapterOptions): Promise<void> {
  if (!KEBAB.test(options.name)) throw new Error(`"${options.name}" is not kebab-case (e.g. redis, fixed-rate).`);
  const project = getProjects(tree).get(options.project);
  if (project === undefined) throw new Error(`No project named ${options.project}.`);
  const portClass = names(options.port).className;
  const source = `${project.root}/src`;

  const portFile = findPortFile(tree, source, portClass);
  const portDir = posix.dirname(portFile);
  const adapterDir = tree.exists(`${source}/adapters`)
    ? `${source}/adapters`
    : posix.basename(portDir) === 'ports'
      ? posix.join(posix.dirname(portDir), 'adapters')
      : portDir;
  // Named for what it is, in the port's own file style: cart.repository.ts -> redis-cart.repository.ts.
  const adapterFile = `${options.name}-${posix.basename(portFile, '.ts')}`;
  const adapterClass = `${names(options.name).className}${portClass}`;
  const adapterPath = `${adapterDir}/${adapterFile}.ts`;
  if (tree.exists(adapterPath)) throw new Error(`${adapterPath} already exists.`);

  const port = readPortDeclaration(portFile, tree.read(portFile, 'utf-8') ?? '', portClass);
  const portImport = relativeImport(adapterDir, portFile);
  generateFiles(
    tree,
    TEMPLATES,
    adapterDir,
    {
      name: options.name,
      adapterFile,
      adapterClass,
      portClass,
      portImport,
      members: port.members,
      imports: port.importsFrom(adapterPath),
    },
    { overwriteStrategy: OverwriteStrategy.ThrowIfExisting },
  );

  addExport(tree, `${source}/index.ts`, adapterClass, relativeImport(source, adapterPath));
  addBindingHint(tree, source, adapterPath, adapterClass, portClass);
  addPortsRow(tree, `${project.root}/README.md`, portClass, adapterClass, posix.relative(project.root, adapterPath));
}

/** The file under src/ (tests and fakes aside) that exports `interface <portClass>`. */
function findPortFile(tree: Tree, dir: string, portClass: string): string {
  const declaration = new RegExp(`^export interface ${portClass}\\b`, 'm');
  const matches: string[] = [];
  const visit = (path: string): void => {
    for (const child of tree.children(path)) {
      const childPath = `${path}/${child}`;
      if (tree.isFile(childPath)) {
        if (child.endsWith('.ts') && !child.endsWith('.spec.ts') && declaration.test(tree.read(childPath, 'utf-8') ?? '')) {
          matches.push(childPath);
        }
      } else if (child !== 'testing' && child !== 'generated') {
        visit(childPath);
      }
    }
  };
  visit(dir);
  if (matches.length === 0) throw new Error(`No file under ${dir} exports interface ${portClass}.`);
  if (matches.length > 1) throw new Error(`More than one file under ${dir} exports interface ${portClass}: ${matches.join(', ')}.`);
  return matches[0] as string;
}

function relativeImport(fromDir: string, file: string): string {
  const relative = posix.relative(fromDir, file);
  return relative.startsWith('.') ? relative : `./${relative}`;
}
