export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of `document` where each `allOf` member that is only a local `$ref` is replaced by the
 * schema it points to. api-smart-diff 1.0.6 merges `allOf` before comparing, but only members it
 * can see: `$ref: Problem` -> `allOf: [$ref: Problem, {code: enum}]` came out as a removed type,
 * removed properties and an unclassified `allOf`. A `$ref` already being inlined is left as is.
 */
export function inlineAllOfRefs(document: JsonObject): JsonObject {
  return inline(structuredClone(document), document, []) as JsonObject;
}

function inline(node: unknown, document: JsonObject, within: readonly string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => inline(item, document, within));
  if (!isJsonObject(node)) return node;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'allOf' && Array.isArray(value)) {
      node[key] = value.map((member) => {
        const ref = onlyRef(member);
        if (ref === undefined || within.includes(ref)) return inline(member, document, within);
        const target = resolve(document, ref);
        return target === undefined ? member : inline(structuredClone(target), document, [...within, ref]);
      });
    } else {
      node[key] = inline(value, document, within);
    }
  }
  return node;
}

function onlyRef(member: unknown): string | undefined {
  if (!isJsonObject(member) || Object.keys(member).length !== 1) return undefined;
  const ref = member['$ref'];
  return typeof ref === 'string' && ref.startsWith('#/') ? ref : undefined;
}

function resolve(document: JsonObject, ref: string): JsonObject | undefined {
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    node = isJsonObject(node) ? node[decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
  }
  return isJsonObject(node) ? node : undefined;
}
