import { readdir, readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { cartEventRecord, sampleEventDetails } from '../testing/sample-cart-events.ts';
import { CART_EVENT_TYPES } from './cart-event.types.ts';
import type { CartEventType } from './cart-event.types.ts';
import { toCloudEvent } from './cloud-event.ts';
import type { CloudEvent } from './cloud-event.ts';
import { eventSchemaFiles, eventSchemasDirectory } from './event-schemas.ts';

const cartId = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11';
const ownerId = '5b0e3c9e-2f6a-4c1d-8f1e-3a7d9c2b4e60';

let envelope: ValidateFunction;
const byType = new Map<CartEventType, ValidateFunction>();

beforeAll(async () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const files = await readdir(eventSchemasDirectory);
  for (const file of files) ajv.addSchema(JSON.parse(await readFile(new URL(file, eventSchemasDirectory), 'utf8')));
  const compile = (file: string): ValidateFunction => {
    const schema = ajv.getSchema(`https://carteria.invalid/schemas/analytics/${file}`);
    if (!schema) throw new Error(`No schema ${file}`);
    return schema;
  };
  envelope = compile(eventSchemaFiles.envelope);
  for (const type of CART_EVENT_TYPES) byType.set(type, compile(eventSchemaFiles.byType[type]));
});

function sample(type: CartEventType, details?: Record<string, unknown>): CloudEvent {
  return toCloudEvent(cartEventRecord(type, { cartId, sequence: 3, ownerId, ...(details ? { details } : {}) }));
}

function validate(type: CartEventType, event: unknown): boolean {
  const check = byType.get(type)!;
  return check(event) && envelope(event);
}

/** The event with one field changed or (value undefined) removed, at a dotted path. */
function altered(event: CloudEvent, path: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop()!;
  let target = copy;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

describe('the shipped JSON Schemas', () => {
  it('are one per event type plus the envelope, all draft 2020-12', async () => {
    const files = (await readdir(eventSchemasDirectory)).sort();
    expect(files).toEqual([eventSchemaFiles.envelope, ...Object.values(eventSchemaFiles.byType)].sort());
    for (const file of files) {
      const schema = JSON.parse(await readFile(new URL(file, eventSchemasDirectory), 'utf8')) as Record<string, unknown>;
      expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema['$id']).toBe(`https://carteria.invalid/schemas/analytics/${file}`);
    }
  });

  it.each(CART_EVENT_TYPES)('accept a sample %s event', (type) => {
    const event = sample(type);
    const check = byType.get(type)!;
    expect(check(event) ? [] : check.errors).toEqual([]);
    expect(envelope(event) ? [] : envelope.errors).toEqual([]);
  });

  it.each(CART_EVENT_TYPES)('reject a %s event under another type, and each missing type-specific field', (type) => {
    const event = sample(type);
    const other = CART_EVENT_TYPES.find((candidate) => candidate !== type)!;
    expect(validate(type, { ...event, type: other })).toBe(false);
    for (const field of Object.keys(sampleEventDetails[type])) {
      expect([field, validate(type, altered(event, `data.${field}`, undefined))]).toEqual([field, false]);
    }
  });

  it('accept a guest cart (ownerId null) and extra data fields (consumers ignore what they do not know)', () => {
    const event = toCloudEvent(cartEventRecord('cart.created', { cartId, sequence: 1, ownerId: null }));
    expect(validate('cart.created', event)).toBe(true);
    expect(validate('cart.created', altered(event, 'data.channel', 'web'))).toBe(true);
  });

  it('accept a quantity change to 0 only with a null unit price, and to more only with a price', () => {
    const removed = sample('cart.item_quantity_changed', { productId: 'sku-1', previousQuantity: 2, quantity: 0, unitPrice: null });
    expect(validate('cart.item_quantity_changed', removed)).toBe(true);
    expect(validate('cart.item_quantity_changed', altered(removed, 'data.unitPrice', { amount: 100, currency: 'EUR' }))).toBe(false);
    const changed = sample('cart.item_quantity_changed');
    expect(validate('cart.item_quantity_changed', altered(changed, 'data.unitPrice', null))).toBe(false);
  });

  it.each([
    ['specversion', '0.3'],
    ['id', 'not-a-uuid'],
    ['source', '/elsewhere'],
    ['subject', undefined],
    ['time', '21/11/2026'],
    ['datacontenttype', 'text/plain'],
    ['sequence', '7'],
    ['sequence', 7],
    ['data.cartId', undefined],
    ['data.ownerId', 'someone'],
    ['data.version', 0],
    ['data.version', '3'],
  ])('reject a broken envelope: %s = %p', (path, value) => {
    expect(validate('cart.item_added', altered(sample('cart.item_added'), path, value))).toBe(false);
  });

  it.each([
    ['cart.item_added', 'data.quantity', 0],
    ['cart.item_added', 'data.quantity', 1.5],
    ['cart.item_added', 'data.unitPrice', { amount: 12.5, currency: 'EUR' }],
    ['cart.item_added', 'data.unitPrice', { amount: 1250, currency: 'eur' }],
    ['cart.item_added', 'data.productId', ''],
    ['cart.created', 'data.currency', 'EURO'],
    ['cart.emptied', 'data.removedLines', -1],
    ['cart.checked_out', 'data.contentHash', 'abc'],
    ['cart.merged', 'data.sourceCartId', 'guest-cart'],
    ['cart.item_removed', 'data.previousQuantity', 0],
  ] as const)('reject a broken %s: %s = %p', (type, path, value) => {
    expect(validate(type, altered(sample(type), path, value))).toBe(false);
  });
});
