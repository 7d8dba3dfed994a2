import { isUuid, ValidationError } from '@carteria/kernel';

/** Page cursors are opaque to clients: the last cart id, base64url-encoded. */
export function encodeCursor(cartId: string): string {
  return Buffer.from(cartId).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const cartId = Buffer.from(cursor, 'base64url').toString();
  if (!isUuid(cartId)) {
    throw new ValidationError('The cursor is not one this service made.', [
      { pointer: '/query/cursor', detail: 'use the nextCursor of the previous page' },
    ]);
  }
  return cartId;
}
