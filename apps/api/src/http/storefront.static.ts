import { fileURLToPath } from 'node:url';
import express, { type RequestHandler } from 'express';

/** The demo shop's files (apps/storefront/public): plain ES modules, no build step. */
export const storefrontDirectory = fileURLToPath(new URL('../../../storefront/public/', import.meta.url));

/**
 * Serves the demo shop at `/` (GET and HEAD only; anything else falls through to the API). Pages
 * revalidate on every load so a new version shows at once; ETags make that cheap.
 */
export function storefrontStatic(directory: string = storefrontDirectory): RequestHandler {
  return express.static(directory, { index: 'index.html', etag: true, lastModified: true, maxAge: 0, fallthrough: true, redirect: false });
}
