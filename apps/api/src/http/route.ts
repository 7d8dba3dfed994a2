import type { Request } from 'express';
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import type { z } from 'zod';
import type { Principal } from '@carteria/kernel';
import type { RouteAccess } from './authenticate.ts';
import type { ProblemCode } from './problem.schemas.ts';

type AnyObject = z.ZodObject;

export interface RouteInput<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  readonly params: z.output<P>;
  readonly query: z.output<Q>;
  readonly body: z.output<B>;
  readonly principal: Principal;
  readonly req: Request;
}

/** What a handler answers; the router writes it (so an idempotent POST can store and replay it). */
export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON; absent for 204 and 304. */
  readonly body?: unknown;
}

/**
 * One endpoint: its contract (schemas, which also feed the OpenAPI document, so the document
 * cannot drift from what is enforced) and its handler.
 */
export interface Route<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends z.ZodType = z.ZodType> {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI style: `/v1/carts/{cartId}`. */
  readonly path: string;
  /** Who may call it; `cart` (a bearer token or a guest's Cart-Token) when absent. */
  readonly access?: RouteAccess;
  readonly operation: Omit<ZodOpenApiOperationObject, 'requestParams' | 'requestBody' | 'responses'>;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Documented request headers (If-Match, If-None-Match). */
  readonly headers?: AnyObject;
  /** The success answers (and any problem answer given by status only). */
  readonly responses: ZodOpenApiResponsesObject;
  /**
   * The problem codes this operation can answer beyond those of every operation (and of every
   * POST): the document lists them per status, and contract tests refuse any other.
   */
  readonly problems?: readonly ProblemCode[];
  handle(input: RouteInput<P, Q, B>): Promise<Reply>;
}

/** Keeps the generic types of one route together; `routes` arrays hold them erased. */
export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
  route: Route<P, Q, B>,
): Route {
  return route as unknown as Route;
}
