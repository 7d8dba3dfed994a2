import fc from 'fast-check';
import type { ContractDocument, JsonSchema } from './openapi-contract.ts';

/** Values a field name suggests beyond its schema (ids that exist), so valid requests reach the use cases. */
export type Hints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

/** Numbers that break naive parsers: huge, negative, fractional, unsafe. */
export const oddNumber = fc.constantFrom(0, -1, 1.5, 1e-7, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER);

/** Text a segment, header or field might carry to trip a parser (URL-safe characters only). */
export const oddText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ019-._~:@!$&\'()*+,;=%'.split('')), maxLength: 40 }),
  fc.constantFrom('', ' ', '%', '%zz', '%E0%A4%A', '%00', '%2F', 'a%2Fb', '..', 'null', 'undefined', '0', '-1', '__proto__', 'constructor'),
  fc.string({ minLength: 200, maxLength: 400, unit: fc.constantFrom('a', '9', '-') }),
);

/** Any JSON value, small. */
const anyJson = fc.jsonValue({ maxDepth: 2 });

/** A valid value of `schema` (as far as the schema says; hints for named properties). */
export function valid(document: ContractDocument, schema: JsonSchema, hints: Hints, name?: string): fc.Arbitrary<unknown> {
  const hinted = name === undefined ? undefined : hints[name];
  if (hinted) return hinted;
  const resolved = document.resolve(schema);
  if (resolved.enum) return fc.constantFrom(...resolved.enum);
  if (resolved.anyOf) return fc.oneof(...resolved.anyOf.map((option) => valid(document, option, hints, name)));
  const type = Array.isArray(resolved.type) ? resolved.type[0] : resolved.type;
  switch (type) {
    case 'integer':
      return fc.integer({ min: resolved.minimum ?? -1000, max: Math.min(resolved.maximum ?? 1000, 1_000_000) });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(resolved.items ? valid(document, resolved.items, hints) : anyJson, { maxLength: 3 });
    case 'object':
      return validObject(document, resolved, hints);
    case 'string':
      if (resolved.format === 'uuid') return fc.uuid();
      if (resolved.pattern) return fc.stringMatching(new RegExp(resolved.pattern));
      return fc.string({ minLength: resolved.minLength ?? 0, maxLength: Math.min(resolved.maxLength ?? 20, 20) });
    default:
      return anyJson;
  }
}

function validObject(document: ContractDocument, schema: JsonSchema, hints: Hints): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const record = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, valid(document, property, hints, key)]));
  return fc.record(record, { requiredKeys: Object.keys(properties).filter((key) => required.has(key)) });
}

/**
 * A body for `schema`: mostly valid, otherwise one mutation: a required field missing, an extra
 * field, a field of the wrong type or an odd number, or a value of another type altogether.
 */
export function body(document: ContractDocument, schema: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  const resolved = document.resolve(schema);
  const base = valid(document, resolved, hints);
  if (resolved.type !== 'object' || !resolved.properties) return fc.oneof(base, anyJson);
  const keys = Object.keys(resolved.properties);
  const object = base as fc.Arbitrary<Record<string, unknown>>;
  return fc.oneof(
    { weight: 4, arbitrary: object },
    object.chain((value) => fc.constantFrom(...keys).map((key) => withoutKey(value, key))),
    object.chain((value) => fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), anyJson).map(([key, extra]) => ({ ...value, [key]: extra }))),
    object.chain((value) => fc.tuple(fc.constantFrom(...keys), fc.oneof(anyJson, oddNumber, oddText)).map(([key, wrong]) => ({ ...value, [key]: wrong }))),
    anyJson,
  );
}

function withoutKey(value: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key));
}

/** Body text JSON.stringify cannot make: bad JSON, numbers beyond doubles, deep nesting, oversize. */
export const rawBodyText = fc.constantFrom(
  '{',
  '{"quantity": 1}x',
  '{"a":1,}',
  "{'quantity': 1}",
  'NaN',
  '\u0000',
  '{"quantity": 1e309}',
  '{"productId":"sku","quantity":99999999999999999999999999}',
  '{"quantity": -0}',
  '{"quantity": 1.0}',
  '{"__proto__": {"quantity": 5}}',
  '{"constructor": {"prototype": {"admin": true}}}',
  '{"quantity": 1, "quantity": "two"}',
  `${'['.repeat(3000)}${']'.repeat(3000)}`,
  `{"pad":"${'x'.repeat(17 * 1024)}"}`,
  '"just a string"',
  '[]',
  'null',
  '',
);
