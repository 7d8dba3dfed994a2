import {
  allBreaking,
  breaking,
  nonBreaking,
  openApiSchemaRules,
  openapi3Rules,
  transformComapreRules,
  type ComapreContext,
  type CompareRules,
  type DiffType,
} from 'api-smart-diff';

type Direction = 'request' | 'response' | 'unknown';

/**
 * Which way a schema's values travel, from its place in the document: what a client sends
 * (parameters, request bodies) or what it receives (responses, with their headers).
 */
export function directionOf(path: readonly (string | number)[]): Direction {
  if (path[0] !== 'paths') return 'unknown';
  if (path[3] === 'responses') return 'response';
  if (path[2] === 'parameters' || path[3] === 'parameters' || path[3] === 'requestBody') return 'request';
  return 'unknown';
}

/** Breaking when a client may now have to send or accept a value it could not before. */
function classify(ctx: ComapreContext, widens: boolean, narrows: boolean): DiffType {
  switch (directionOf(ctx.before.path)) {
    case 'request':
      return widens ? nonBreaking : breaking;
    case 'response':
      return narrows ? nonBreaking : breaking;
    default:
      return widens && narrows ? nonBreaking : breaking;
  }
}

const allTypes = ['null', 'boolean', 'object', 'array', 'number', 'string', 'integer'];

function typesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return allTypes;
}

/** Every value of type list `inner` is also one of `outer` (an integer is a number). */
function covers(outer: readonly string[], inner: readonly string[]): boolean {
  return inner.every((type) => outer.includes(type) || (type === 'integer' && outer.includes('number')));
}

/**
 * api-smart-diff 1.0.6 calls any replaced `type` breaking in a request and non-breaking in a
 * response, so `string` -> `[string, null]` (a response field that may now be null) passed.
 */
function typeReplaced(ctx: ComapreContext): DiffType {
  const before = typesOf(ctx.before.value);
  const after = typesOf(ctx.after.value);
  return classify(ctx, covers(after, before), covers(before, after));
}

const isEmptyList = (value: unknown): boolean => !Array.isArray(value) || value.length === 0;

/**
 * An enum value added to a list that was empty (no enum: any value) narrows; api-smart-diff
 * 1.0.6 took every added value as a widening. Removing the last one widens.
 */
const enumValueRule = [
  (ctx: ComapreContext) => (isEmptyList(ctx.before.parent) ? classify(ctx, false, true) : classify(ctx, true, false)),
  (ctx: ComapreContext) => (isEmptyList(ctx.after.parent) ? classify(ctx, true, false) : classify(ctx, false, true)),
  (ctx: ComapreContext) => classify(ctx, false, false),
] as const;

const isSchemaRules = (rules: CompareRules): boolean => '/type' in rules && '/enum' in rules && '/properties' in rules;

function childRules(rules: CompareRules, ...keys: `/${string}`[]): CompareRules {
  let node: unknown = rules;
  for (const key of keys) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (typeof node !== 'object' || node === null) throw new Error(`api-smart-diff rules have no ${keys.join('')}`);
  return node as CompareRules;
}

/**
 * api-smart-diff's OpenAPI 3.1 rules with three corrections: direction-aware `type` and `enum`
 * classification, and response headers compared as responses (a header that becomes required is
 * a promise, not a demand; its schema is compared like a response body's).
 */
export function breakingChangeRules(): CompareRules {
  const rules = openapi3Rules({ version: '3.1.x' });
  const operation = childRules(rules, '/paths', '/*', '/*');
  const responses = childRules(operation, '/responses');
  const response = childRules(responses, '/*');
  const header = childRules(response, '/headers', '/*');
  const responseHeader: CompareRules = {
    ...header,
    '/required': { $: [nonBreaking, breaking, (ctx: ComapreContext) => (ctx.after.value === true ? nonBreaking : breaking)] },
    '/schema': () => ({ ...openApiSchemaRules({ version: '3.1.x', response: true }), $: allBreaking }),
  };
  const patched: CompareRules = {
    ...rules,
    '/paths': {
      ...childRules(rules, '/paths'),
      '/*': {
        ...childRules(rules, '/paths', '/*'),
        '/*': {
          ...operation,
          '/responses': { ...responses, '/*': { ...response, '/headers': { ...childRules(response, '/headers'), '/*': responseHeader } } },
        },
      },
    },
  };
  return transformComapreRules(patched, (node) => {
    if (!isSchemaRules(node)) return node;
    const type = childRules(node, '/type');
    const enumRules = childRules(node, '/enum');
    return {
      ...node,
      '/type': { ...type, $: [(ctx) => classify(ctx, false, true), (ctx) => classify(ctx, true, false), typeReplaced] },
      '/enum': { ...enumRules, '/*': { ...childRules(enumRules, '/*'), $: [...enumValueRule] } },
    };
  });
}
