import { applyChangesToString, ChangeType } from '@nx/devkit';
import type { StringChange, Tree } from '@nx/devkit';
import ts from 'typescript';

export const ESLINT_CONFIG = 'eslint.config.mjs';

/** The scope that composes every domain; a new domain is added to what it may import. */
const COMPOSING_SCOPE = 'scope:api';

/**
 * Registers a new domain scope in the root `@nx/enforce-module-boundaries` rule: the domain may
 * depend on itself and `scope:shared` (kernel, db, testing, ...), never on another domain; the app
 * (`scope:api`) may depend on it. Idempotent. Throws when the config has no such rule, because a
 * lib whose scope is unconstrained would silently be allowed to import anything.
 */
export function addScopeConstraint(tree: Tree, scope: string): void {
  const source = tree.read(ESLINT_CONFIG, 'utf-8');
  if (source === null) throw new Error(`${ESLINT_CONFIG} is missing at the workspace root.`);
  const constraints = findDepConstraints(source);
  if (constraints === undefined) {
    throw new Error(`${ESLINT_CONFIG} has no @nx/enforce-module-boundaries depConstraints array.`);
  }
  const sourceTag = `scope:${scope}`;
  const rows = constraints.elements.filter(ts.isObjectLiteralExpression);
  const changes: StringChange[] = [];

  if (!rows.some((row) => stringProperty(row, 'sourceTag') === sourceTag)) {
    const composing = rows.find((row) => stringProperty(row, 'sourceTag') === COMPOSING_SCOPE);
    const before = composing ?? constraints.elements[0];
    const row = `{ sourceTag: '${sourceTag}', onlyDependOnLibsWithTags: ['${sourceTag}', 'scope:shared'] },`;
    if (before === undefined) {
      changes.push({ type: ChangeType.Insert, index: constraints.elements.end, text: row });
    } else {
      const indent = indentationAt(source, before.getStart());
      changes.push({ type: ChangeType.Insert, index: before.getStart(), text: `${row}\n${indent}` });
    }
  }

  const composing = rows.find((row) => stringProperty(row, 'sourceTag') === COMPOSING_SCOPE);
  const allowed = composing && arrayProperty(composing, 'onlyDependOnLibsWithTags');
  if (allowed && !allowed.elements.some((tag) => ts.isStringLiteral(tag) && tag.text === sourceTag)) {
    const shared = allowed.elements.find((tag) => ts.isStringLiteral(tag) && tag.text === 'scope:shared');
    const anchor = shared ?? allowed.elements[allowed.elements.length - 1];
    if (anchor === undefined) {
      changes.push({ type: ChangeType.Insert, index: allowed.elements.end, text: `'${sourceTag}'` });
    } else if (source.slice(allowed.getStart(), anchor.getStart()).includes('\n')) {
      const indent = indentationAt(source, anchor.getStart());
      changes.push({ type: ChangeType.Insert, index: anchor.getStart(), text: `'${sourceTag}',\n${indent}` });
    } else {
      changes.push({ type: ChangeType.Insert, index: anchor.getStart(), text: `'${sourceTag}', ` });
    }
  }

  if (changes.length > 0) tree.write(ESLINT_CONFIG, applyChangesToString(source, changes));
}

function findDepConstraints(source: string): ts.ArrayLiteralExpression | undefined {
  const file = ts.createSourceFile(ESLINT_CONFIG, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  let found: ts.ArrayLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAssignment(node) && propertyName(node) === 'depConstraints' && ts.isArrayLiteralExpression(node.initializer)) {
      found = node.initializer;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function propertyName(node: ts.PropertyAssignment): string | undefined {
  return ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined;
}

function property(row: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const member of row.properties) {
    if (ts.isPropertyAssignment(member) && propertyName(member) === name) return member.initializer;
  }
  return undefined;
}

function stringProperty(row: ts.ObjectLiteralExpression, name: string): string | undefined {
  const value = property(row, name);
  return value && ts.isStringLiteral(value) ? value.text : undefined;
}

function arrayProperty(row: ts.ObjectLiteralExpression, name: string): ts.ArrayLiteralExpression | undefined {
  const value = property(row, name);
  return value && ts.isArrayLiteralExpression(value) ? value : undefined;
}

function indentationAt(source: string, index: number): string {
  const lineStart = source.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart, index))?.[0] ?? '';
}
