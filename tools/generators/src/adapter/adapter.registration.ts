import type { Tree } from '@nx/devkit';

/** Appends `export { Adapter } from './adapters/x.ts';` to the lib's public door. */
export function addExport(tree: Tree, indexFile: string, adapterClass: string, specifier: string): void {
  const index = tree.read(indexFile, 'utf-8');
  if (index === null) throw new Error(`${indexFile} is missing: every lib has one public door.`);
  const line = `export { ${adapterClass} } from '${specifier}';`;
  if (index.includes(line)) return;
  tree.write(indexFile, `${index.replace(/\n*$/, '\n')}${line}\n`);
}

/**
 * Writes, above the lib's `<lib>Module` function, how to bind the adapter in place of the default.
 * A comment, not code: which implementation the module binds (and on which option) is a decision.
 */
export function addBindingHint(tree: Tree, sourceDir: string, adapterPath: string, adapterClass: string, portClass: string): void {
  const moduleFile = tree.children(sourceDir).find((child) => child.endsWith('.module.ts'));
  if (moduleFile === undefined) return;
  const path = `${sourceDir}/${moduleFile}`;
  const source = tree.read(path, 'utf-8') ?? '';
  if (source.includes(`new ${adapterClass}(`)) return;

  const token = tokenFor(source, portClass) ?? `<token of ${portClass}>`;
  const hint = [
    `// ${adapterClass} (src/${relativeToSource(adapterPath, sourceDir)}) implements ${portClass}. To use it, import it and bind:`,
    `//   bind<${portClass}>(${token}).toResolvedValue(() => new ${adapterClass}()).inSingletonScope();`,
  ].join('\n');
  const at = /^export (async )?function \w+Module\b/m.exec(source);
  if (at === null) {
    tree.write(path, `${source.replace(/\n*$/, '\n')}\n${hint}\n`);
    return;
  }
  // Above the function's doc comment, if it has one.
  const before = source.slice(0, at.index);
  const doc = /\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n$/.exec(before);
  const index = doc ? doc.index : at.index;
  tree.write(path, `${source.slice(0, index)}${hint}\n${source.slice(index)}`);
}

/** `PRICING_TOKENS.quoter` when the module has `quoter: Symbol.for('...PriceQuoter')` in `PRICING_TOKENS`. */
function tokenFor(source: string, portClass: string): string | undefined {
  const tokens = /export const (\w+_TOKENS)\s*=\s*\{([\s\S]*?)\}/.exec(source);
  if (tokens === null) return undefined;
  const key = new RegExp(`(\\w+):\\s*Symbol\\.for\\(['"][^'"]*\\b${portClass}['"]\\)`).exec(tokens[2] ?? '');
  return key ? `${tokens[1]}.${key[1]}` : undefined;
}

function relativeToSource(path: string, sourceDir: string): string {
  return path.slice(sourceDir.length + 1);
}

/**
 * Adds `| Port | Adapter (file) |` to the README's `## Ports` table, after its last row, or makes the
 * section when there is none.
 */
export function addPortsRow(tree: Tree, readmeFile: string, portClass: string, adapterClass: string, file: string): void {
  const readme = tree.read(readmeFile, 'utf-8') ?? `# ${readmeFile.split('/').slice(-2, -1)[0] ?? ''}\n`;
  if (readme.includes(`\`${adapterClass}\``)) return;
  const cells = [`\`${portClass}\``, `\`${adapterClass}\` (\`${file}\`; made by the adapter generator: TODO say what it talks to and when the module binds it)`];
  const row = (columns: number) => `| ${[...cells, ...Array<string>(Math.max(0, columns - cells.length)).fill('')].join(' | ')} |`;
  const lines = readme.split('\n');
  const heading = lines.findIndex((line) => /^##\s+Ports\b/.test(line));
  if (heading >= 0) {
    const end = nextHeading(lines, heading);
    let lastRow = -1;
    for (let i = heading + 1; i < end; i += 1) if (lines[i]?.startsWith('|')) lastRow = i;
    if (lastRow >= 0) {
      const header = lines.slice(heading + 1, lastRow + 1).find((line) => line.startsWith('|')) ?? '';
      lines.splice(lastRow + 1, 0, row(header.split('|').length - 2));
    } else {
      lines.splice(end, 0, '| port | implementations |', '|---|---|', row(2), '');
    }
    tree.write(readmeFile, lines.join('\n'));
    return;
  }
  tree.write(readmeFile, `${readme.replace(/\n*$/, '\n')}\n## Ports\n\n| port | implementations |\n|---|---|\n${row(2)}\n`);
}

function nextHeading(lines: readonly string[], heading: number): number {
  for (let i = heading + 1; i < lines.length; i += 1) if (/^#{1,2}\s/.test(lines[i] ?? '')) return i;
  return lines.length;
}
