import type { RequestHandler } from 'express';
import express from 'express';
import { HttpError } from './http-error.ts';

export const maxBodyBytes = 16 * 1024;

const jsonTypes = ['application/json', 'application/*+json'];

/** A request that carries a body must say it is JSON (415 otherwise). */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const hasBody = req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
  if (hasBody && !req.is(jsonTypes)) {
    return next(new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'));
  }
  next();
};

/**
 * A number JSON can write but no double can hold (`1e309` parses to Infinity) is refused as
 * malformed: it would otherwise travel on and break whatever serializes the body again.
 */
function finiteNumbersOnly(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new SyntaxError('A number in the body is out of range.');
  return value;
}

/** Parses JSON objects and arrays up to 16 KiB; errors reach the error handler with a `type`. */
export const parseJsonBody: RequestHandler = express.json({ limit: maxBodyBytes, strict: true, type: jsonTypes, reviver: finiteNumbersOnly });
