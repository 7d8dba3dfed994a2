import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';

const tags = ['operations'];
const requestId = {
  'X-Request-Id': { description: 'The id of this request in the logs.', required: true, schema: { type: 'string' as const } },
};

const status = (values: readonly [string, ...string[]], description: string) =>
  z.object({ status: z.enum(values) }).meta({ description });

function probe(operation: Omit<ZodOpenApiOperationObject, 'responses'>, responses: ZodOpenApiOperationObject['responses']): ZodOpenApiOperationObject {
  return { ...operation, tags, security: [], responses };
}

/**
 * The operations endpoints of app.ts (probes, metrics, this document, its reference page). They
 * sit outside the route table (no authentication, no body guards, not refused while starting), so
 * they are described here, beside it.
 */
export const operationsPaths: ZodOpenApiPathsObject = {
  '/livez': {
    get: probe(
      { operationId: 'getLiveness', summary: 'The process answers (liveness probe)' },
      {
        '200': {
          description: 'Alive.',
          headers: requestId,
          content: { 'application/json': { schema: status(['alive'], 'Always `alive`.') } },
        },
      },
    ),
  },
  '/readyz': {
    get: probe(
      {
        operationId: 'getReadiness',
        summary: 'The service can serve (readiness probe)',
        description: 'Ready once migrations are applied and while the database answers; 503 while starting, draining or when the database is unreachable.',
      },
      {
        '200': {
          description: 'Ready.',
          headers: requestId,
          content: { 'application/json': { schema: status(['ready'], 'Always `ready`.') } },
        },
        '503': {
          description: 'Not ready. A probe body, not a problem: load balancers read the status only.',
          headers: requestId,
          content: {
            'application/json': { schema: status(['starting', 'draining', 'database-unreachable'], 'Why it is not ready.') },
          },
        },
      },
    ),
  },
  '/metrics': {
    get: probe(
      { operationId: 'getMetrics', summary: 'Prometheus metrics (RED per route, cart and dependency counters)' },
      {
        '200': {
          description: 'Prometheus text exposition format.',
          headers: requestId,
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
      },
    ),
  },
  '/openapi.json': {
    get: probe(
      { operationId: 'getOpenApiDocument', summary: 'This document (OpenAPI 3.1)' },
      {
        '200': {
          description: 'The OpenAPI document.',
          headers: requestId,
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    ),
  },
  '/docs': {
    get: probe(
      { operationId: 'getDocs', summary: 'A browsable reference of this document (works offline)' },
      {
        '200': {
          description: 'An HTML page (Swagger UI, served from this service).',
          headers: requestId,
          content: { 'text/html': { schema: { type: 'string' } } },
        },
      },
    ),
  },
};
