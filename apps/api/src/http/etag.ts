import type { Request } from 'express';
import { ValidationError } from '@carteria/kernel';

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version named by `If-Match`, or undefined when there is none (or `*`, any version). */
export function expectedVersion(req: Request): number | undefined {
  const header = req.get('if-match')?.trim();
  if (header === undefined || header === '*') return undefined;
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(header);
  if (!match) {
    throw new ValidationError('If-Match must be one ETag such as "3".', [
      { pointer: '/header/if-match', detail: 'expected "<version>"' },
    ]);
  }
  return Number(match[1]);
}

/** True when `If-None-Match` already names this version, so a 304 will do. */
export function isNotModified(req: Request, version: number): boolean {
  const header = req.get('if-none-match');
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etagOf(version));
}
