export { FakeOpaServer } from './policy/fake-opa.server.ts';
export type { FakeOpaBehaviour, FakeOpaRequest } from './policy/fake-opa.server.ts';
