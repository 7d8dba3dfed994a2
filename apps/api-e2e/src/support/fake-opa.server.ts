import { FakeService, type FakeAnswer, type ReceivedRequest } from './fake-dependency.server.ts';

/** The OPA `input` the api sends with each access decision. */
export interface DecisionInput {
  readonly subject: string;
  readonly scopes: readonly string[];
  readonly action: string;
  readonly ownerId: string | null;
}

/** true/false answer `{"result": {"allow": ...}}`; undefined answers `{}` (OPA's undefined document). */
export type FakePolicy = (input: DecisionInput) => boolean | undefined;

export const decisionPath = '/v1/data/carteria/cart';

/** Which scopes grant each action on anyone's cart; the owner may do everything (API.md's table). */
const grantedBy: Readonly<Record<string, readonly string[]>> = {
  'cart.create': ['carts:admin'],
  'cart.read': ['carts:read', 'carts:admin'],
  'cart.change': ['carts:admin'],
  'cart.delete': ['carts:admin'],
  'cart.checkout': ['carts:checkout', 'carts:admin'],
  'carts.list': ['carts:read', 'carts:admin'],
};

/** API.md's "who may do what", as the shipped libs/authz/policy/cart.rego decides it. */
export const apiMdPolicy: FakePolicy = ({ subject, scopes, action, ownerId }) =>
  (ownerId !== null && ownerId === subject) || (grantedBy[action] ?? []).some((scope) => scopes.includes(scope));

/**
 * An Open Policy Agent stand-in: `POST /v1/data/carteria/cart` with `{"input": {...}}` answers
 * `{"result": {"allow": bool}}` as `policy` decides (API.md's table unless a test replaces it);
 * any other path or a body without a well-formed input answers 400, as OPA does.
 */
export class FakeOpa {
  readonly service: FakeService;
  readonly #current: { policy: FakePolicy };

  private constructor(service: FakeService, current: { policy: FakePolicy }) {
    this.service = service;
    this.#current = current;
  }

  static async start(): Promise<FakeOpa> {
    const current = { policy: apiMdPolicy };
    const service = await FakeService.start('opa', (request) => answer(request, current.policy));
    return new FakeOpa(service, current);
  }

  /** How the next questions are decided. */
  get policy(): FakePolicy {
    return this.#current.policy;
  }

  set policy(policy: FakePolicy) {
    this.#current.policy = policy;
  }

  /** The inputs of every decision asked since `mark` (a previous `service.requests.length`). */
  inputsSince(mark = 0): DecisionInput[] {
    return this.service.since(mark).flatMap((request) => {
      const input = inputOf(request.body);
      return input ? [input] : [];
    });
  }
}

function answer(request: ReceivedRequest, policy: FakePolicy): FakeAnswer {
  const input = inputOf(request.body);
  if (request.method !== 'POST' || request.path !== decisionPath || !input) {
    return { status: 400, json: { code: 'invalid_parameter', message: 'expected POST /v1/data/carteria/cart {"input": {...}}' } };
  }
  const allow = policy(input);
  return { status: 200, json: allow === undefined ? {} : { result: { allow } } };
}

function inputOf(body: unknown): DecisionInput | undefined {
  if (typeof body !== 'object' || body === null || !('input' in body)) return undefined;
  const { subject, scopes, action, ownerId } = (body.input ?? {}) as Record<string, unknown>;
  const valid =
    typeof subject === 'string' &&
    Array.isArray(scopes) &&
    scopes.every((scope) => typeof scope === 'string') &&
    typeof action === 'string' &&
    (ownerId === null || typeof ownerId === 'string');
  return valid ? { subject, scopes: scopes as string[], action, ownerId } : undefined;
}
