import type { Router } from 'express';
import type { z } from 'zod';
import { ValidationError } from '@carteria/kernel';
import { authenticate, type TokenVerifier } from './authenticate.ts';
import type { Route } from './route.ts';

/** Adds each route to the router: authenticate, validate path, query and body, then handle. */
export function mountRoutes(router: Router, routes: readonly Route[], verifier: TokenVerifier): void {
  for (const route of routes) {
    router[route.method](expressPath(route.path), async (req, res) => {
      const principal = await authenticate(verifier, req);
      await route.handle({
        params: validate(route.params, req.params, 'path'),
        query: validate(route.query, req.query, 'query'),
        body: validate(route.body, req.body, 'body'),
        principal,
        req,
        res,
      });
    });
  }
}

function expressPath(openApiPath: string): string {
  return openApiPath.replaceAll(/\{(\w+)\}/g, ':$1');
}

function validate(schema: z.ZodType | undefined, value: unknown, where: 'path' | 'query' | 'body'): never {
  if (!schema) return undefined as never;
  const result = schema.safeParse(value);
  if (result.success) return result.data as never;
  throw new ValidationError(
    `The request ${where === 'path' ? 'path' : where} is not valid.`,
    result.error.issues.map((issue) => ({
      pointer: `/${[where, ...issue.path.map(String)].join('/')}`,
      detail: issue.message,
    })),
  );
}
