import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { DependencyClient } from '@carteria/dependency-client';
import { sendJson, startLoopbackServer, type LoopbackServer } from '@carteria/dependency-client/testing';
import { DomainError } from '@carteria/kernel';
import { traceFields } from './trace-context.ts';
import { withSpan } from './use-case.spans.ts';

class CartGone extends DomainError {
  constructor() {
    super('CART_NOT_FOUND', 'not_found', 'gone');
  }
}

/** A stand-in use case: its behaviour is the input, so each test picks the outcome. */
class Echo {
  async execute(outcome: 'ok' | 'domain-error' | 'bug'): Promise<string> {
    if (outcome === 'domain-error') throw new CartGone();
    if (outcome === 'bug') throw new TypeError('boom');
    return 'done';
  }
}

const exporter = new InMemorySpanExporter();
const tracer = trace.getTracer('test');
let server: LoopbackServer;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
  registerInstrumentations({ instrumentations: [new UndiciInstrumentation()] });
  server = await startLoopbackServer((_request, response) => sendJson(response, 200, { items: [] }));
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => exporter.reset());

/** Runs `work` inside a parent span, as a request's server span would be. */
function inRequest<T>(work: () => Promise<T>): Promise<{ result: T; traceId: string; spanId: string }> {
  return tracer.startActiveSpan('request', async (span) => {
    try {
      const result = await work();
      return { result, ...span.spanContext() };
    } finally {
      span.end();
    }
  });
}

describe('spans of use cases and dependency calls (in-memory exporter)', () => {
  it('a use case runs in a span of its own, a child of the request span', async () => {
    const { result, traceId, spanId } = await inRequest(() => withSpan('addItem', new Echo()).execute('ok'));

    expect(result).toBe('done');
    const span = exporter.getFinishedSpans().find((s) => s.name === 'cart.addItem');
    expect(span?.spanContext().traceId).toBe(traceId);
    expect(span?.parentSpanContext?.spanId).toBe(spanId);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('a domain error is an event on the span, a bug marks it failed; both still reach the caller', async () => {
    const useCase = withSpan('getCart', new Echo());
    await expect(inRequest(() => useCase.execute('domain-error'))).rejects.toBeInstanceOf(CartGone);
    await expect(inRequest(() => useCase.execute('bug'))).rejects.toThrow('boom');

    const [refused, failed] = exporter.getFinishedSpans().filter((s) => s.name === 'cart.getCart');
    expect(refused?.status.code).toBe(SpanStatusCode.UNSET);
    expect(refused?.events.map((event) => event.attributes?.['error.code'])).toEqual(['CART_NOT_FOUND']);
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('a dependency call is one span around its HTTP attempt, and the dependency receives the trace in traceparent', async () => {
    const client = new DependencyClient({ dependency: 'products', baseUrl: server.url });
    try {
      const { traceId } = await inRequest(() => client.getJson('find_products', '/products', { ids: 'a' }, (body) => body));

      const spans = exporter.getFinishedSpans();
      const call = spans.find((s) => s.name === 'products find_products');
      const attempt = spans.find((s) => s.instrumentationScope.name === '@opentelemetry/instrumentation-undici');
      expect(call?.spanContext().traceId).toBe(traceId);
      expect(attempt?.parentSpanContext?.spanId).toBe(call?.spanContext().spanId);
      expect(server.requests.at(-1)?.headers['traceparent']).toBe(`00-${traceId}-${attempt?.spanContext().spanId}-01`);
    } finally {
      await client.close();
    }
  });

  it('log lines written inside a span carry its trace and span ids; outside one, none', async () => {
    expect(traceFields()).toEqual({});
    const { result, traceId, spanId } = await inRequest(async () => traceFields());
    expect(result).toEqual({ traceId, spanId });
  });
});
