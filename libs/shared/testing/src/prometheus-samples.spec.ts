import { parseSamples, sampleValue } from './prometheus-samples.ts';

describe('Prometheus samples', () => {
  const text = [
    '# HELP cart_http_requests_total HTTP requests answered.',
    '# TYPE cart_http_requests_total counter',
    'cart_http_requests_total{method="GET",route="/v1/carts/{cartId}",status="200"} 12',
    'cart_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/v1/carts/{cartId}"} 12',
    'nodejs_eventloop_lag_p99_seconds 0.011',
  ].join('\n');

  it('parses every sample line with its labels, skipping comments', () => {
    const samples = parseSamples(text);
    expect(samples.map((sample) => sample.name)).toEqual(['cart_http_requests_total', 'cart_http_request_duration_seconds_bucket', 'nodejs_eventloop_lag_p99_seconds']);
    expect(samples[1]?.labels).toEqual({ le: '+Inf', method: 'GET', route: '/v1/carts/{cartId}' });
  });

  it('finds a value by name and a subset of labels', () => {
    const samples = parseSamples(text);
    expect(sampleValue(samples, 'cart_http_requests_total', { status: '200' })).toBe(12);
    expect(sampleValue(samples, 'cart_http_requests_total', { status: '500' })).toBeUndefined();
    expect(sampleValue(samples, 'nodejs_eventloop_lag_p99_seconds')).toBe(0.011);
  });
});
