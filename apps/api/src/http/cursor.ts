import { isUuid, ValidationError } from '@carteria/kernel';

/** Page cursors are opaque to clients: the last item's key (a cart id, an event sequence), base64url-encoded. */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(lastKey).toString('base64url');
}

export function decodeSequenceCursor(cursor: string): number {
  const sequence = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw invalidCursor();
  return sequence;
}

export function decodeCursor(cursor: string): string {
  const cartId = Buffer.from(cursor, 'base64url').toString();
  if (!isUuid(cartId)) throw invalidCursor();
  return cartId;
}

function invalidCursor(): ValidationError {
  return new ValidationError('The cursor is not one this service made.', [
    { pointer: '/query/cursor', detail: 'use the nextCursor of the previous page' },
  ]);
}
