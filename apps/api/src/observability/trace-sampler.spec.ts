import { context, ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { AlwaysOffSampler, SamplingDecision, TracerProvider } from '@opentelemetry/sdk-trace';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { defaultSampler, DEFAULT_TRACE_RATIO } from './trace-sampler.ts';
import { activeTraceId, traceFields } from './trace-context.ts';

const sampledParent = trace.setSpanContext(ROOT_CONTEXT, {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
});

/** Share of `n` new root traces the sampler records. */
function recordedShare(env: NodeJS.ProcessEnv, exporting: boolean, n = 4000): number {
  const sampler = defaultSampler(env, exporting);
  if (sampler === undefined) throw new Error('expected a sampler');
  let recorded = 0;
  for (let i = 0; i < n; i++) {
    const traceId = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const { decision } = sampler.shouldSample(ROOT_CONTEXT, traceId, 'GET', SpanKind.SERVER, {}, []);
    if (decision === SamplingDecision.RECORD_AND_SAMPLED) recorded++;
  }
  return recorded / n;
}

describe('defaultSampler', () => {
  it('leaves the choice to the SDK when OTEL_TRACES_SAMPLER is set', () => {
    expect(defaultSampler({ OTEL_TRACES_SAMPLER: 'always_on' }, true)).toBeUndefined();
  });

  it('exporting: parent-based, about 10 % of new traces', () => {
    expect(defaultSampler({}, true)?.toString()).toMatch(/ParentBased.*TraceIdRatioBased\{0\.1\}/);
    expect(recordedShare({}, true)).toBeGreaterThan(DEFAULT_TRACE_RATIO - 0.03);
    expect(recordedShare({}, true)).toBeLessThan(DEFAULT_TRACE_RATIO + 0.03);
  });

  it('exporting: OTEL_TRACES_SAMPLER_ARG sets the ratio; a bad one keeps 10 %', () => {
    expect(defaultSampler({ OTEL_TRACES_SAMPLER_ARG: '0.5' }, true)?.toString()).toMatch(/\{0\.5\}/);
    expect(defaultSampler({ OTEL_TRACES_SAMPLER_ARG: '2' }, true)?.toString()).toMatch(/\{0\.1\}/);
    expect(defaultSampler({ OTEL_TRACES_SAMPLER_ARG: 'lots' }, true)?.toString()).toMatch(/\{0\.1\}/);
  });

  it('a caller that sampled its trace is followed, exporting or not', () => {
    for (const exporting of [true, false]) {
      const sampler = defaultSampler({}, exporting);
      const { decision } = sampler?.shouldSample(sampledParent, '0af7651916cd43dd8448eb211c80319c', 'GET', SpanKind.SERVER, {}, []) ?? {};
      expect(decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    }
  });

  it('not exporting: no new trace is recorded', () => {
    expect(recordedShare({}, false, 200)).toBe(0);
  });
});

describe('trace ids of unsampled requests', () => {
  it('an unsampled span still gives logs and problem bodies its trace id', () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    try {
      const tracer = new TracerProvider({ sampler: new AlwaysOffSampler() }).getTracer('test');
      tracer.startActiveSpan('GET /v1/carts/:cartId', (span) => {
        expect(span.isRecording()).toBe(false);
        const { traceId, spanId } = span.spanContext();
        expect(traceId).toMatch(/^[0-9a-f]{32}$/);
        expect(activeTraceId()).toBe(traceId);
        expect(traceFields()).toEqual({ traceId, spanId });
        span.end();
      });
    } finally {
      context.disable();
    }
  });
});
