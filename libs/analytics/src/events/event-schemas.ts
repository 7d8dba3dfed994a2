import { CART_EVENT_TYPES } from './cart-event.types.ts';
import type { CartEventType } from './cart-event.types.ts';

/** The folder of the shipped JSON Schemas (draft 2020-12), e.g. for the app to serve them. */
export const eventSchemasDirectory: URL = new URL('../../schemas/', import.meta.url);

/** File names in that folder: the envelope, and one per event type. */
export const eventSchemaFiles: { readonly envelope: string; readonly byType: Readonly<Record<CartEventType, string>> } = {
  envelope: 'cloudevent.schema.json',
  byType: Object.fromEntries(CART_EVENT_TYPES.map((type) => [type, `${type}.schema.json`])) as Record<CartEventType, string>,
};
