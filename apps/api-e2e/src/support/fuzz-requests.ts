import fc from 'fast-check';
import type { RawRequest } from './fuzz-http.ts';
import { body, oddNumber, oddText, rawBodyText, valid, type Hints } from './fuzz-values.ts';
import type { ContractDocument, Operation, ParameterObject } from './openapi-contract.ts';

/** What exists in the api under test, so that generated requests also reach real carts and products. */
export interface FuzzWorld {
  readonly cartIds: readonly string[];
  readonly userIds: readonly string[];
  readonly productIds: readonly string[];
  /** Authorization header values: valid tokens of several callers, expired, garbage. */
  readonly authorizations: readonly string[];
  readonly cartTokens: readonly string[];
}

/** Odd text as it may stand in a URL (a space is not sent raw). */
const urlText = oddText.map((text) => text.replaceAll(' ', '%20'));

/** The operations a request fuzzer can call: not streams, which never end. */
export function fuzzableOperations(document: ContractDocument): Operation[] {
  return document.operations.filter((operation) => !Object.values(operation.responses).some((response) => response.content?.['text/event-stream']));
}

function hintsOf(world: FuzzWorld): Hints {
  const product = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...world.productIds) }, fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/));
  return {
    cartId: fc.constantFrom(...world.cartIds),
    sourceCartId: fc.constantFrom(...world.cartIds),
    userId: fc.constantFrom(...world.userIds),
    productId: product,
    currency: fc.constantFrom('EUR', 'USD', 'GBP', 'JPY', 'XXX', 'eur', 'EURO', ''),
  };
}

/** A path parameter: mostly a known or well-formed value, else anything URL-safe. */
function pathValue(document: ContractDocument, parameter: ParameterObject, hints: Hints): fc.Arbitrary<string> {
  const good = parameter.schema ? valid(document, parameter.schema, hints, parameter.name) : urlText;
  return fc.oneof({ weight: 4, arbitrary: good.map((value) => encodeURIComponent(String(value))) }, fc.uuid(), urlText.filter((text) => text !== ''));
}

function queryValue(document: ContractDocument, parameter: ParameterObject, hints: Hints): fc.Arbitrary<string> {
  const good = parameter.schema ? valid(document, parameter.schema, hints, parameter.name).map((value) => encodeURIComponent(String(value))) : urlText;
  return fc.oneof({ weight: 3, arbitrary: good }, oddNumber.map(String), urlText, fc.constantFrom('99999999999999999999', '1e309', '-0', '0x10'));
}

function queryString(document: ContractDocument, operation: Operation, hints: Hints): fc.Arbitrary<string> {
  const parameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  const entries = parameters.map((parameter) => fc.option(queryValue(document, parameter, hints).map((value) => `${parameter.name}=${value}`), { nil: undefined }));
  const extra = fc.option(fc.constantFrom('x=1', 'limit=1&limit=2', 'cursor', '=', '&&', 'a[b]=c'), { nil: undefined, freq: 8 });
  return fc.tuple(...entries, extra).map((parts) => {
    const present = parts.filter((part): part is string => part !== undefined);
    return present.length === 0 ? '' : `?${present.join('&')}`;
  });
}

const ifMatchValue = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((version) => `"${version}"`),
  fc.constantFrom('*', 'W/"1"', '"0"', '1', '"-1"', '"1", "2"', '"99999999999999999999"', ''),
  oddText,
);

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin-2',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
);

/** The optional request headers of one request: a subset of credentials and the documented ones. */
function headersOf(operation: Operation, world: FuzzWorld): fc.Arbitrary<Record<string, string>> {
  const names = new Set(operation.parameters.filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name.toLowerCase()));
  const optional = <T>(arbitrary: fc.Arbitrary<T>, freq = 2) => fc.option(arbitrary, { nil: undefined, freq });
  return fc
    .record({
      authorization: optional(fc.constantFrom(...world.authorizations), 1),
      'cart-token': optional(fc.oneof(fc.constantFrom(...world.cartTokens), oddText), 4),
      'if-match': names.has('if-match') ? optional(ifMatchValue) : fc.constant(undefined),
      'if-none-match': names.has('if-none-match') ? optional(ifMatchValue) : fc.constant(undefined),
      'idempotency-key': names.has('idempotency-key') ? optional(fc.oneof(fc.uuid(), oddText, fc.constant('k'.repeat(256)))) : fc.constant(undefined),
      'x-request-id': optional(oddText, 6),
      'content-encoding': optional(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown'), 12),
    })
    .map((headers) => Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined)));
}

/** A body and its content type: a JSON value (mostly shaped by the schema), raw odd text, or none. */
function bodyOf(document: ContractDocument, operation: Operation, hints: Hints): fc.Arbitrary<{ body?: string; contentType?: string }> {
  const json = operation.body ? body(document, operation.body.schema, hints) : fc.jsonValue({ maxDepth: 1 });
  const typed = (text: fc.Arbitrary<string>) =>
    fc.tuple(text, fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, contentTypes)).map(([text, contentType]) => ({ body: text, contentType }));
  return fc.oneof(
    { weight: operation.body ? 8 : 1, arbitrary: typed(json.map((value) => JSON.stringify(value) ?? 'null')) },
    { weight: 2, arbitrary: typed(rawBodyText) },
    { weight: operation.body ? 1 : 6, arbitrary: fc.constant({}) },
  );
}

/** One request to `operation`, built from what the document says it takes, valid or not. */
export function requestTo(document: ContractDocument, operation: Operation, world: FuzzWorld): fc.Arbitrary<RawRequest> {
  const hints = hintsOf(world);
  const pathParameters = operation.template.split('/').map((segment) => {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    const parameter = operation.parameters.find((candidate) => candidate.in === 'path' && candidate.name === name);
    return parameter ? pathValue(document, parameter, hints) : fc.constant(segment);
  });
  return fc
    .record({
      segments: fc.tuple(...pathParameters),
      query: queryString(document, operation, hints),
      headers: headersOf(operation, world),
      payload: bodyOf(document, operation, hints),
    })
    .map(({ segments, query, headers, payload }) =>
      printedShort({
        method: operation.method,
        path: `${segments.join('/')}${query}`,
        headers: payload.contentType === undefined ? headers : { ...headers, 'content-type': payload.contentType },
        ...(payload.body === undefined ? {} : { body: payload.body }),
      }),
    );
}

/** fast-check prints counterexamples with this; a batch of 50 requests with 17 KiB bodies would flood the log. */
function printedShort(request: RawRequest): RawRequest {
  const body = request.body === undefined ? '' : ` +${request.body.length} chars`;
  return Object.defineProperty(request, fc.toStringMethod, { value: () => `${request.method} ${request.path.slice(0, 80)}${body}`, enumerable: false });
}

/** A request to no operation: an unknown path, or a known path with a method it does not take. */
export const unmatchedRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    path: fc.constantFrom('/v1', '/v1/nothing', '/v2/carts', '/v1/carts/x/y/z/w', '/v1/users', '/v1/carts/%zz/items/a%2Fb/c', '/metrics/x'),
  })
  .map(({ method, path }) => printedShort({ method, path, headers: {} }));

/** Any request the document describes (a uniform pick of the operation), now and then one it does not. */
export function anyRequest(document: ContractDocument, world: FuzzWorld): fc.Arbitrary<RawRequest> {
  const operations = fuzzableOperations(document).map((operation) => requestTo(document, operation, world));
  return fc.oneof({ weight: 1, arbitrary: unmatchedRequest }, ...operations.map((arbitrary) => ({ weight: 3, arbitrary })));
}
