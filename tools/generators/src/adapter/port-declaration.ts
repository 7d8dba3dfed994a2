import { posix } from 'node:path';
import ts from 'typescript';

/** One member of a port, ready to be written as a stub in a class that implements it. */
export interface PortMember {
  readonly name: string;
  readonly kind: 'method' | 'property';
  /** `<T>(_a: A, _b?: B): R` for a method, `: T` for a property. */
  readonly signature: string;
}

export interface PortDeclaration {
  readonly members: readonly PortMember[];
  /** `import type { ... } from '...';` lines the stub needs, given where it is written. */
  readonly importsFrom: (adapterFile: string) => string[];
}

/**
 * Reads an `export interface <portName>` from the port's source: its own members (inherited ones
 * are not followed; the generated class then fails typecheck, loudly) and the types they name.
 */
export function readPortDeclaration(portFile: string, source: string, portName: string): PortDeclaration {
  const file = ts.createSourceFile(portFile, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const port = file.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === portName && isExported(statement),
  );
  if (port === undefined) throw new Error(`${portFile} exports no interface ${portName}.`);

  const imported = importedNames(file);
  const exported = new Set(
    file.statements.flatMap((statement) =>
      (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement)) &&
      statement.name !== undefined &&
      isExported(statement)
        ? [statement.name.text]
        : [],
    ),
  );
  const needed = new Map<string, string>(); // name -> module specifier relative to the port file
  const members: PortMember[] = [];

  for (const member of port.members) {
    const name = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
    if (name === undefined) continue;
    const own = new Set(ts.isMethodSignature(member) ? (member.typeParameters ?? []).map((parameter) => parameter.name.text) : []);
    for (const typeName of referencedTypeNames(member)) {
      if (own.has(typeName) || typeName === portName) continue;
      const from = imported.get(typeName) ?? (exported.has(typeName) ? `./${posix.basename(portFile)}` : undefined);
      if (from !== undefined) needed.set(typeName, from);
    }
    if (ts.isMethodSignature(member)) {
      members.push({ name, kind: 'method', signature: methodSignature(member, file) });
    } else if (ts.isPropertySignature(member) && member.type) {
      members.push({ name, kind: 'property', signature: `: ${member.type.getText(file)}` });
    }
  }
  if (!needed.has(portName)) needed.set(portName, `./${posix.basename(portFile)}`);

  return {
    members,
    importsFrom: (adapterFile) => importLines(needed, posix.dirname(portFile), posix.dirname(adapterFile)),
  };
}

function methodSignature(member: ts.MethodSignature, file: ts.SourceFile): string {
  const typeParameters = member.typeParameters ? `<${member.typeParameters.map((p) => p.getText(file)).join(', ')}>` : '';
  const parameters = member.parameters.map((parameter, index) => {
    const name = ts.isIdentifier(parameter.name) ? parameter.name.text : `arg${index}`;
    const rest = parameter.dotDotDotToken ? '...' : '';
    const optional = parameter.questionToken ? '?' : '';
    const type = parameter.type ? `: ${parameter.type.getText(file)}` : '';
    return `${rest}_${name}${optional}${type}`;
  });
  const returns = member.type ? `: ${member.type.getText(file)}` : '';
  return `${typeParameters}(${parameters.join(', ')})${returns}`;
}

function referencedTypeNames(node: ts.Node): Set<string> {
  const found = new Set<string>();
  const visit = (child: ts.Node): void => {
    if (ts.isTypeReferenceNode(child)) found.add(leftmost(child.typeName));
    if (ts.isTypeQueryNode(child)) found.add(leftmost(child.exprName));
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

function leftmost(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : leftmost(name.left);
}

function importedNames(file: ts.SourceFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        const original = element.propertyName?.text;
        // `import { A as B }` keeps working only if the alias is kept; write it back as it was.
        names.set(element.name.text, original ? `${statement.moduleSpecifier.text}#${original}` : statement.moduleSpecifier.text);
      }
    }
  }
  return names;
}

function importLines(needed: ReadonlyMap<string, string>, portDir: string, adapterDir: string): string[] {
  const byModule = new Map<string, string[]>();
  for (const [name, from] of needed) {
    const [specifier = from, original] = from.split('#');
    const module = specifier.startsWith('.') ? relativeSpecifier(adapterDir, posix.join(portDir, specifier)) : specifier;
    const entry = original ? `${original} as ${name}` : name;
    byModule.set(module, [...(byModule.get(module) ?? []), entry]);
  }
  return [...byModule]
    .sort(([a], [b]) => Number(a.startsWith('.')) - Number(b.startsWith('.')) || a.localeCompare(b))
    .map(([module, entries]) => `import type { ${entries.sort().join(', ')} } from '${module}';`);
}

function relativeSpecifier(fromDir: string, target: string): string {
  const relative = posix.relative(fromDir, target);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function isExported(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}
