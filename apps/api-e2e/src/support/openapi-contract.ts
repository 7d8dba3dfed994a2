import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** What the contract looks at in an answer. */
export interface SeenResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

interface HeaderObject {
  readonly required?: boolean;
  readonly schema?: object;
}

interface ResponseObject {
  readonly headers?: Readonly<Record<string, HeaderObject>>;
  readonly content?: Readonly<Record<string, { readonly schema?: object }>>;
}

export interface ParameterObject {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}

/** The JSON Schema subset the document uses (zod's output). */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
}

interface OperationObject {
  readonly parameters?: readonly ParameterObject[];
  readonly requestBody?: { readonly required?: boolean; readonly content: Readonly<Record<string, { readonly schema?: JsonSchema }>> };
  readonly responses?: Record<string, ResponseObject>;
}

export interface Operation {
  readonly method: string;
  readonly template: string;
  /** Literal segments in lower case; null for a `{param}`. */
  readonly segments: readonly (string | null)[];
  readonly responses: Readonly<Record<string, ResponseObject>>;
  readonly parameters: readonly ParameterObject[];
  /** The JSON body schema, if the operation takes one. */
  readonly body?: { readonly required: boolean; readonly schema: JsonSchema };
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OperationObject>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> };
}

/**
 * What a request to no documented operation may answer (the document's `info.description` says
 * so): 404 ROUTE_NOT_FOUND, or what the body guards and the start/drain gate answer before routing.
 */
const unmatchedCodes = new Set([
  'ROUTE_NOT_FOUND',
  'MALFORMED_JSON',
  'REQUEST_ABORTED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'SERVICE_STARTING',
  'OVERLOADED',
]);

/** Headers with a meaning in this API: when an answer carries one, its response must declare it. */
const meaningfulHeaders = ['etag', 'location', 'idempotent-replayed', 'retry-after', 'www-authenticate'];

/** The parts of the docs page (script, Swagger UI assets) that the document does not describe. */
const undocumentedPrefixes = ['/docs/'];

const documentId = 'https://carteria.invalid/openapi.json';

function pointer(...parts: string[]): string {
  return parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

function mediaTypeOf(headers: Headers): string | undefined {
  return headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
}

/** The served OpenAPI document, ready to check answers against: one compiled validator per schema. */
export class ContractDocument {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #operations: readonly Operation[];
  readonly document: OpenApiDocument;

  constructor(document: OpenApiDocument) {
    this.document = document;
    addFormats.default(this.#ajv);
    this.#ajv.addSchema(document as object, documentId);
    this.#operations = Object.entries(document.paths).flatMap(([template, item]) =>
      Object.entries(item).map(([method, operation]): Operation => {
        const schema = operation.requestBody?.content['application/json']?.schema;
        return {
          method: method.toUpperCase(),
          template,
          segments: template.split('/').map((segment) => (/^\{\w+\}$/.test(segment) ? null : segment.toLowerCase())),
          responses: operation.responses ?? {},
          parameters: operation.parameters ?? [],
          ...(schema ? { body: { required: operation.requestBody?.required ?? false, schema } } : {}),
        };
      }),
    );
  }

  get operations(): readonly Operation[] {
    return this.#operations;
  }

  /** The schema a `$ref` of the document names (`#/components/schemas/Cart`). */
  resolve(schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const found = this.document.components?.schemas?.[name];
    if (!found) throw new Error(`the document has no schema ${schema.$ref}`);
    return this.resolve(found);
  }

  /** The operation Express would route this request to (case-insensitive, optional trailing slash). */
  find(method: string, path: string): Operation | undefined {
    const bare = path.split('?')[0] ?? '';
    const segments = (bare.length > 1 && bare.endsWith('/') ? bare.slice(0, -1) : bare).split('/');
    const wanted = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    return this.#operations.find(
      (operation) =>
        operation.method === wanted &&
        operation.segments.length === segments.length &&
        operation.segments.every((segment, index) => {
          const actual = segments[index] ?? '';
          return segment === null ? actual !== '' : segment === actual.toLowerCase();
        }),
    );
  }

  /** Every way this answer breaks the document; [] when it keeps it. */
  violations(method: string, path: string, response: SeenResponse): string[] {
    const bare = path.split('?')[0] ?? '';
    if (undocumentedPrefixes.some((prefix) => bare.startsWith(prefix))) return [];
    const operation = this.find(method, path);
    if (!operation) return this.#unmatched(method, response);
    const where = `${operation.method} ${operation.template}`;
    const declared = operation.responses[String(response.status)];
    if (!declared) return [`${where}: status ${response.status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`];
    const base = pointer('#', 'paths', operation.template, operation.method.toLowerCase(), 'responses', String(response.status));
    return [...this.#headerViolations(where, base, declared, response), ...this.#bodyViolations(where, base, declared, response, method)];
  }

  #unmatched(method: string, response: SeenResponse): string[] {
    // A GET of another path may be a file of the demo shop (served at /, outside the API).
    if (['GET', 'HEAD'].includes(method.toUpperCase()) && response.status < 400) return [];
    const problems = this.#problemViolations('no operation', response, '#/components/schemas/Problem');
    const code = (parseJson(response.text) as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && !unmatchedCodes.has(code)) problems.push(`no operation: code ${code} (status ${response.status}) is not one an unknown route answers`);
    return problems;
  }

  #headerViolations(where: string, base: string, declared: ResponseObject, response: SeenResponse): string[] {
    const problems: string[] = [];
    const headers = Object.fromEntries(Object.entries(declared.headers ?? {}).map(([name, header]) => [name.toLowerCase(), [name, header] as const]));
    for (const [lower, [name, header]] of Object.entries(headers)) {
      const value = response.headers.get(lower);
      if (value === null) {
        if (header.required) problems.push(`${where} ${response.status}: required header ${name} is missing`);
        continue;
      }
      if (header.schema) problems.push(...this.#schemaErrors(`${where} ${response.status} header ${name}`, `${base}/headers/${pointer(name)}/schema`, value));
    }
    for (const name of meaningfulHeaders) {
      if (response.headers.has(name) && !headers[name]) problems.push(`${where} ${response.status}: header ${name} is sent but not declared`);
    }
    return problems;
  }

  #bodyViolations(where: string, base: string, declared: ResponseObject, response: SeenResponse, method: string): string[] {
    const content = declared.content ?? {};
    const label = `${where} ${response.status}`;
    if (response.text === '') {
      return Object.keys(content).length > 0 && method.toUpperCase() !== 'HEAD' ? [`${label}: the body is empty, the document declares ${Object.keys(content).join(', ')}`] : [];
    }
    const mediaType = mediaTypeOf(response.headers);
    if (response.status >= 400 && mediaType !== 'application/problem+json') return [`${label}: an error answered ${mediaType ?? 'no content type'}, not application/problem+json`];
    if (mediaType === undefined || !content[mediaType]) return [`${label}: content type ${mediaType ?? '(none)'} is not declared (declared: ${Object.keys(content).join(', ') || 'no body'})`];
    if (!content[mediaType].schema || !mediaType.endsWith('json')) return [];
    const body = parseJson(response.text);
    if (body === undefined) return [`${label}: the ${mediaType} body is not JSON: ${response.text.slice(0, 200)}`];
    return this.#schemaErrors(label, `${base}/content/${pointer(mediaType)}/schema`, body);
  }

  #problemViolations(label: string, response: SeenResponse, schemaPointer: string): string[] {
    const mediaType = mediaTypeOf(response.headers);
    if (mediaType !== 'application/problem+json') return [`${label} ${response.status}: answered ${mediaType ?? 'no content type'}, not application/problem+json`];
    const body = parseJson(response.text);
    if (body === undefined) return [`${label} ${response.status}: the problem body is not JSON`];
    return this.#schemaErrors(`${label} ${response.status}`, schemaPointer, body);
  }

  #schemaErrors(label: string, schemaPointer: string, value: unknown): string[] {
    let validate = this.#validators.get(schemaPointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `${documentId}${schemaPointer}` });
      this.#validators.set(schemaPointer, validate);
    }
    if (validate(value)) return [];
    const errors = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
    return [`${label}: does not match the schema: ${errors.join('; ')}; got ${JSON.stringify(value).slice(0, 300)}`];
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

let loaded: Promise<ContractDocument> | undefined;

/**
 * The document the api under test serves at /openapi.json (read once per test file: every api the
 * suite starts runs the same code, so they serve the same document).
 */
export function contractDocument(baseUrl: string): Promise<ContractDocument> {
  loaded ??= (async () => {
    const response = await fetch(`${baseUrl}/openapi.json`);
    if (response.status !== 200) throw new Error(`GET ${baseUrl}/openapi.json answered ${response.status}`);
    return new ContractDocument((await response.json()) as OpenApiDocument);
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
