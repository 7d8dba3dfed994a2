export { startFakeBilling } from './adapters/fake-billing.server.ts';
export type {
  FakeBilling,
  FakeBillingBehaviour,
  FakeBillingPrices,
  FakeBillingReply,
  FakeBillingRequest,
} from './adapters/fake-billing.server.ts';
