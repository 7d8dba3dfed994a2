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

/** Parses JSON objects and arrays up to 16 KiB; errors reach the error handler with a `type`. */
export const parseJsonBody: RequestHandler = express.json({ limit: maxBodyBytes, strict: true, type: jsonTypes });
