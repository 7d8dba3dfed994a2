import { AlwaysOffSampler, ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler } from '@opentelemetry/sdk-trace';

/** Share of new traces recorded when nothing says otherwise: enough to see every route, cheap at any rate. */
export const DEFAULT_TRACE_RATIO = 0.1;

/**
 * The head sampler when `OTEL_TRACES_SAMPLER` is not set (when it is, `undefined`: the SDK reads it
 * and `OTEL_TRACES_SAMPLER_ARG` itself). Exporting: `parentbased_traceidratio`, a caller's decision
 * kept and 10 % of new traces recorded (`OTEL_TRACES_SAMPLER_ARG` may change the ratio). Not
 * exporting, no new trace is recorded (spans would go nowhere). Either way every request still has
 * a valid trace id for its logs, problem bodies and outgoing `traceparent`: an unsampled span is a
 * non-recording one, not none.
 */
export function defaultSampler(env: NodeJS.ProcessEnv, exporting: boolean): Sampler | undefined {
  if (env['OTEL_TRACES_SAMPLER']?.trim()) return undefined;
  if (!exporting) return new ParentBasedSampler({ root: new AlwaysOffSampler() });
  return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratioOf(env['OTEL_TRACES_SAMPLER_ARG'])) });
}

function ratioOf(value: string | undefined): number {
  const ratio = value?.trim() ? Number(value) : Number.NaN;
  return Number.isFinite(ratio) && ratio >= 0 && ratio <= 1 ? ratio : DEFAULT_TRACE_RATIO;
}
