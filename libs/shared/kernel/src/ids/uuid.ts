import { v7, validate, version } from 'uuid';

/** A new UUIDv7: time-ordered, so it indexes well and sorts newest-last; never a database sequence. */
export function newId(): string {
  return v7();
}

export function isUuid(value: string): boolean {
  return validate(value);
}

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}
