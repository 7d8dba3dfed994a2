import { compareOpenApi, type Diff } from 'api-smart-diff';
import { breakingChangeRules } from './compare-rules.ts';
import { inlineAllOfRefs, isJsonObject, type JsonObject } from './inline-all-of-refs.ts';

/** One change as api-smart-diff identifies it: where in the baseline (or current) document, and how. */
export interface BreakingChange {
  /** The change's path joined with dots: `paths./v1/carts/{cartId}.delete`. */
  readonly where: string;
  readonly action: Diff['action'];
  /** api-smart-diff's description, for people: `[Removed] operation DELETE /v1/carts/{cartId}`. */
  readonly what: string;
}

export interface Comparison {
  readonly baseVersion: string;
  readonly currentVersion: string;
  readonly breaking: readonly BreakingChange[];
  readonly nonBreaking: number;
  readonly annotation: number;
  readonly unclassified: readonly BreakingChange[];
}

/** A breaking change let through on purpose: a fix of the document to what the service already did. */
export interface AcceptedChange {
  readonly where: string;
  readonly action: Diff['action'];
  readonly why: string;
}

export interface Verdict {
  readonly passed: boolean;
  readonly summary: string;
}

/**
 * Component definitions are compared where paths use them (through `$ref`), where it is known
 * whether a client sends or receives them; their own diffs would only repeat those, undirected.
 */
const comparedWhereUsed = new Set(['schemas', 'responses', 'parameters', 'requestBodies', 'headers', 'examples', 'links', 'callbacks', 'pathItems']);

const counted = (diff: Diff): boolean => !(diff.path[0] === 'components' && comparedWhereUsed.has(String(diff.path[1])));

/**
 * A parameter named by location and name (`parameters.header:if-match`) rather than by index.
 * Below a parameter, api-smart-diff's path indexes the baseline's list but its description names
 * the current list's parameter at that index (1.0.6), so both are taken from the baseline here.
 */
function changeOf(diff: Diff, base: JsonObject): BreakingChange {
  const path = [...diff.path];
  let what = diff.description || `${diff.action} ${diff.path.join('.')}`;
  const index = path[4];
  if (path[0] === 'paths' && path[3] === 'parameters' && typeof index === 'number') {
    const parameter: unknown =
      path.length === 5 ? (diff.action === 'add' ? diff.after : diff.before) : valueAt(base, path.slice(0, 5));
    if (isJsonObject(parameter) && typeof parameter['in'] === 'string' && typeof parameter['name'] === 'string') {
      path[4] = `${parameter['in']}:${parameter['name']}`;
      what = what.replace(/parameter `[^`]*`/, `parameter \`${parameter['name']}\``);
    }
  }
  return { where: path.join('.'), action: diff.action, what };
}

function valueAt(node: unknown, path: readonly (string | number)[]): unknown {
  let value = node;
  for (const key of path) value = isJsonObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

/** The changes from `base` (the released document) to `current`, OpenAPI 3.0 or 3.1, classified by api-smart-diff. */
export function compareDocuments(base: JsonObject, current: JsonObject): Comparison {
  const { diffs } = compareOpenApi(inlineAllOfRefs(base), inlineAllOfRefs(current), { rules: breakingChangeRules() });
  const kept = diffs.filter(counted);
  const ofType = (type: Diff['type']) => kept.filter((diff) => diff.type === type);
  return {
    baseVersion: versionOf(base),
    currentVersion: versionOf(current),
    breaking: ofType('breaking').map((diff) => changeOf(diff, base)),
    nonBreaking: ofType('non-breaking').length,
    annotation: ofType('annotation').length + ofType('deprecated').length,
    unclassified: ofType('unclassified').map((diff) => changeOf(diff, base)),
  };
}

const line = (change: BreakingChange) => `  - ${change.where} (${change.action}): ${change.what}`;

/**
 * Breaking changes pass only with a new major `info.version`, or when listed as accepted (each
 * with why); the version may never go back. Unclassified changes are listed, for a person to judge.
 */
export function verdictOf(comparison: Comparison, accepted: readonly AcceptedChange[] = []): Verdict {
  const { baseVersion, currentVersion } = comparison;
  const matches = (entry: AcceptedChange, change: BreakingChange) => entry.where === change.where && entry.action === change.action;
  const breaking = comparison.breaking.filter((change) => !accepted.some((entry) => matches(entry, change)));
  const acceptedCount = comparison.breaking.length - breaking.length;
  const stale = accepted.filter((entry) => !comparison.breaking.some((change) => matches(entry, change)));
  const baseMajor = majorOf(baseVersion);
  const currentMajor = majorOf(currentVersion);
  const counts =
    `${breaking.length} breaking${acceptedCount > 0 ? ` (and ${acceptedCount} accepted)` : ''}, ` +
    `${comparison.nonBreaking} non-breaking, ${comparison.annotation} annotation, ${comparison.unclassified.length} unclassified`;
  const notes = [
    ...(comparison.unclassified.length > 0 ? ['Unclassified (not counted as breaking; judge them):', ...comparison.unclassified.map(line)] : []),
    ...(stale.length > 0 ? ['Accepted entries that match no breaking change (remove them):', ...stale.map((entry) => `  - ${entry.where} (${entry.action})`)] : []),
  ];
  const withNotes = (text: string) => [text, ...notes].join('\n');
  if (currentMajor < baseMajor) {
    return { passed: false, summary: `info.version went back from ${baseVersion} to ${currentVersion}.` };
  }
  if (breaking.length === 0) return { passed: true, summary: withNotes(`No breaking change from ${baseVersion} to ${currentVersion} (${counts}).`) };
  const list = breaking.map(line).join('\n');
  if (currentMajor > baseMajor) {
    return {
      passed: true,
      summary: withNotes(
        `Breaking changes allowed: info.version's major went from ${baseVersion} to ${currentVersion} (${counts}):\n${list}\n` +
          'Release it, then make this document the new baseline.',
      ),
    };
  }
  return {
    passed: false,
    summary: withNotes(
      `Breaking changes from ${baseVersion} to ${currentVersion} (${counts}):\n${list}\n` +
        "Keep the old behaviour, or raise info.version's major (or, for a fix of the document to what the service already does, " +
        'list it in tools/openapi/accepted-breaking-changes.json: where, action, why).',
    ),
  };
}

function versionOf(document: JsonObject): string {
  const info = document['info'];
  const version = isJsonObject(info) ? info['version'] : undefined;
  return typeof version === 'string' ? version : '0.0.0';
}

function majorOf(version: string): number {
  const major = Number.parseInt(version, 10);
  return Number.isNaN(major) ? 0 : major;
}
