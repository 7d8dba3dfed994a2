import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareDocuments, verdictOf, type Comparison } from './breaking-changes.ts';
import type { JsonObject } from './inline-all-of-refs.ts';

type Schema = { type?: unknown; enum?: string[]; pattern?: string; properties: Record<string, Schema>; required: string[] };
interface Operation {
  security?: Record<string, string[]>[];
  parameters: { in: string; name: string; required?: boolean; schema: object }[];
  requestBody: { content: { 'application/json': { schema: Schema } } };
  responses: Record<string, { headers?: Record<string, { required?: boolean }>; content: Record<string, { schema: object }> }>;
}
interface Document {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const baselineFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../baseline.openapi.json');
const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as Document;
// A few of the released document's paths, with one problem answer each instead of a dozen, keep
// each comparison short (api-smart-diff takes seconds over the whole document).
const kept = ['/v1/carts', '/v1/carts/{cartId}', '/v1/carts/{cartId}/items', '/v1/users/{userId}/carts', '/v1/carts/{cartId}/merge'];
const base: Document = { ...baseline, paths: Object.fromEntries(kept.map((key) => [key, withOneProblemAnswer(baseline.paths[key]!)])) };

function withOneProblemAnswer(item: Record<string, Operation>): Record<string, Operation> {
  const trimmed = structuredClone(item);
  for (const operation of Object.values(trimmed)) {
    for (const status of Object.keys(operation.responses ?? {})) {
      if (/^[45]/.test(status) && status !== '400') delete operation.responses[status];
    }
  }
  return trimmed;
}

function changed(edit: (document: Document) => void, from: Document = base): Document {
  const copy = structuredClone(from);
  edit(copy);
  return copy;
}

const compare = (current: Document, from: Document = base) => compareDocuments(from as unknown as JsonObject, current as unknown as JsonObject);
const breakingOf = (current: Document, from?: Document) => compare(current, from).breaking.map((change) => `${change.where} (${change.action})`);
const createCart = (doc: Document) => doc.paths['/v1/carts']!['post']!;
const createBody = (doc: Document) => createCart(doc).requestBody.content['application/json'].schema;

describe('the breaking-change check (api-smart-diff on the OpenAPI 3.1 documents)', () => {
  it('finds nothing between the released document and itself', () => {
    const comparison = compare(base);
    expect(comparison).toEqual({ baseVersion: '1.0.0', currentVersion: '1.0.0', breaking: [], nonBreaking: 0, annotation: 0, unclassified: [] });
    expect(verdictOf(comparison).passed).toBe(true);
  });

  it('fails on a removed endpoint or path, a lost response field, a new required request field', () => {
    const current = changed((doc) => {
      delete doc.paths['/v1/carts/{cartId}']!['delete'];
      delete doc.paths['/v1/carts/{cartId}/merge'];
      const cart = doc.components.schemas['Cart']!;
      delete cart.properties['currency'];
      cart.required = cart.required.filter((name) => name !== 'currency');
      const add = doc.paths['/v1/carts/{cartId}/items']!['post']!.requestBody.content['application/json'].schema;
      add.properties['note'] = { type: 'string' } as Schema;
      add.required.push('note');
    });
    expect(breakingOf(current)).toEqual(
      expect.arrayContaining([
        'paths./v1/carts/{cartId}.delete (remove)',
        'paths./v1/carts/{cartId}/merge.post (remove)',
        'paths./v1/carts/{cartId}.get.responses.200.content.application/json.schema.properties.currency (remove)',
        'paths./v1/carts/{cartId}/items.post.requestBody.content.application/json.schema.required.2 (add)',
      ]),
    );
    const verdict = verdictOf(compare(current));
    expect(verdict.passed).toBe(false);
    expect(verdict.summary).toContain("raise info.version's major");
    expect(verdict.summary).toContain('[Removed] operation DELETE /v1/carts/{cartId}');
  });

  it('fails when a response field may now be null, and passes a request field that may now be null', () => {
    const nullableName = changed((doc) => {
      doc.components.schemas['CartItem']!.properties['name']!.type = ['string', 'null'];
    });
    expect(breakingOf(nullableName)).toContain('paths./v1/carts/{cartId}.get.responses.200.content.application/json.schema.properties.items.items.properties.name.type (replace)');
    const nullableRequest = changed((doc) => {
      createBody(doc).properties['currency']!.type = ['string', 'null'];
    });
    expect(breakingOf(nullableRequest)).toEqual([]);
  });

  it('fails on parameter changes: a new required one, an optional one made required, a removed query parameter', () => {
    const current = changed((doc) => {
      const list = doc.paths['/v1/users/{userId}/carts']!['get']!;
      list.parameters = list.parameters.filter((parameter) => parameter.name !== 'cursor');
      list.parameters.push({ in: 'query', name: 'status', required: true, schema: { type: 'string' } });
      createCart(doc).parameters.find((parameter) => parameter.name === 'idempotency-key')!.required = true;
    });
    expect(breakingOf(current)).toEqual(
      expect.arrayContaining([
        'paths./v1/users/{userId}/carts.get.parameters.query:cursor (remove)',
        'paths./v1/users/{userId}/carts.get.parameters.query:status (add)',
        'paths./v1/carts.post.parameters.header:idempotency-key.required (add)',
      ]),
    );
  });

  it('fails when a request enum loses a value, but passes a response enum that narrows', () => {
    const withEnum = changed((doc) => {
      createBody(doc).properties['currency']!.enum = ['EUR', 'USD'];
    });
    const requestNarrowed = changed((doc) => {
      createBody(doc).properties['currency']!.enum = ['EUR'];
    }, withEnum);
    expect(breakingOf(requestNarrowed, withEnum)).toEqual(['paths./v1/carts.post.requestBody.content.application/json.schema.properties.currency.enum.1 (remove)']);
    // An enum where there was none narrows too: each listed value is an added restriction.
    expect(breakingOf(withEnum)).toEqual([0, 1].map((index) => `paths./v1/carts.post.requestBody.content.application/json.schema.properties.currency.enum.${index} (add)`));

    const responseNarrowed = changed((doc) => {
      doc.components.schemas['Cart']!.properties['status']!.enum = ['active'];
    });
    expect(breakingOf(responseNarrowed)).toEqual([]);
    expect(compare(responseNarrowed).nonBreaking).toBeGreaterThan(0);
  });

  it('fails on a new pattern on a request string, not on a response string', () => {
    const requestPattern = changed((doc) => {
      createBody(doc).properties['currency']!.pattern = '^[A-Z]{3}$';
    });
    expect(breakingOf(requestPattern)).toEqual(['paths./v1/carts.post.requestBody.content.application/json.schema.properties.currency.pattern (add)']);
    const responsePattern = changed((doc) => {
      doc.components.schemas['CartItem']!.properties['name']!.pattern = '^.+$';
    });
    expect(breakingOf(responsePattern)).toEqual([]);
  });

  it('fails when an operation requires a security requirement it did not', () => {
    const current = changed((doc) => {
      createCart(doc).security = [{ bearer: [] }];
    });
    // Requiring bearer alone removes the other ways the released document let a caller in.
    const breaking = breakingOf(current);
    expect(breaking.length).toBeGreaterThan(0);
    for (const change of breaking) expect(change).toMatch(/^paths\.\/v1\/carts\.post\.security\.\d+ \(remove\)$/);
  });

  it('passes additions and promises: a new endpoint, an optional request field or parameter, a required response header', () => {
    const current = changed((doc) => {
      doc.paths['/v1/carts/{cartId}/notes'] = structuredClone(doc.paths['/v1/carts/{cartId}/merge']!);
      doc.paths['/v1/carts/{cartId}/items']!['post']!.requestBody.content['application/json'].schema.properties['note'] = { type: 'string' } as Schema;
      doc.paths['/v1/users/{userId}/carts']!['get']!.parameters.push({ in: 'query', name: 'status', schema: { type: 'string' } });
      createCart(doc).responses['201']!.headers!['ETag']!.required = true;
    });
    const comparison = compare(current);
    expect(comparison.breaking).toEqual([]);
    expect(comparison.nonBreaking).toBeGreaterThanOrEqual(3);
    expect(verdictOf(comparison).passed).toBe(true);
  });

  it('compares an allOf of a $ref with what it refines (a narrowed problem code is not breaking)', () => {
    const current = changed((doc) => {
      const problem = createCart(doc).responses['400']!.content['application/problem+json']!;
      problem.schema = { allOf: [{ $ref: '#/components/schemas/Problem' }, { type: 'object', properties: { code: { type: 'string', enum: ['VALIDATION_FAILED'] } } }] };
    });
    const comparison = compare(current);
    expect(comparison.breaking).toEqual([]);
    expect(comparison.unclassified).toEqual([]);
  });
});

describe('verdictOf', () => {
  const change = { where: 'paths./v1/carts/{cartId}.delete', action: 'remove', what: '[Removed] operation DELETE /v1/carts/{cartId}' } as const;
  const comparison = (baseVersion: string, currentVersion: string, breaking = 1): Comparison => ({
    baseVersion,
    currentVersion,
    breaking: Array.from({ length: breaking }, () => change),
    nonBreaking: 0,
    annotation: 0,
    unclassified: [],
  });

  it('lets breaking changes through only with a new major version', () => {
    expect(verdictOf(comparison('1.0.0', '1.4.0')).passed).toBe(false);
    expect(verdictOf(comparison('1.0.0', '2.0.0'))).toEqual({ passed: true, summary: expect.stringContaining('major went from 1.0.0 to 2.0.0') });
  });

  it('lets through the changes listed as accepted, and only those; names entries that match nothing', () => {
    const accepted = [{ where: change.where, action: 'remove', why: 'the document listed a method the service never had' }] as const;
    expect(verdictOf(comparison('1.0.0', '1.0.0', 1), accepted)).toEqual({
      passed: true,
      summary: 'No breaking change from 1.0.0 to 1.0.0 (0 breaking (and 1 accepted), 0 non-breaking, 0 annotation, 0 unclassified).',
    });
    const other = { ...comparison('1.0.0', '1.0.0', 0), breaking: [{ ...change, where: 'paths./v1/carts.post' }] };
    const verdict = verdictOf(other, accepted);
    expect(verdict.passed).toBe(false);
    expect(verdict.summary).toContain('Accepted entries that match no breaking change (remove them):\n  - paths./v1/carts/{cartId}.delete (remove)');
  });

  it('lists unclassified changes without failing on them', () => {
    const verdict = verdictOf({ ...comparison('1.0.0', '1.0.0', 0), unclassified: [{ where: 'paths./x.get.x-thing', action: 'add', what: 'add x' }] });
    expect(verdict).toEqual({ passed: true, summary: expect.stringContaining('Unclassified (not counted as breaking; judge them):\n  - paths./x.get.x-thing (add): add x') });
  });

  it('never lets the version go back', () => {
    expect(verdictOf(comparison('2.1.0', '1.9.0', 0))).toEqual({ passed: false, summary: 'info.version went back from 2.1.0 to 1.9.0.' });
  });
});
