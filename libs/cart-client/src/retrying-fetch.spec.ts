import { retryingFetch, type FetchFunction } from './retrying-fetch.ts';

const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ status, code }), { status, headers: { 'Content-Type': 'application/problem+json' } });

/** A fetch that answers from a script and records the requests (bodies read, so a reuse would fail). */
function scripted(...answers: (Response | Error)[]): { fetch: FetchFunction; sent: { method: string; key: string | null; body: string }[] } {
  const sent: { method: string; key: string | null; body: string }[] = [];
  const fetch: FetchFunction = async (request) => {
    sent.push({ method: request.method, key: request.headers.get('idempotency-key'), body: await request.text() });
    const answer = answers.shift() ?? new Response('{}');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, sent };
}

const post = (key?: string) =>
  new Request('http://api.test/v1/carts', { method: 'POST', body: '{"a":1}', headers: key ? { 'Idempotency-Key': key } : {} });

describe('retryingFetch', () => {
  it('sends a POST with an Idempotency-Key again, the same key and body, after a network failure', async () => {
    const { fetch, sent } = scripted(new TypeError('fetch failed'), new Response('{}', { status: 201 }));
    const response = await retryingFetch(fetch, fast)(post('k-1'));
    expect(response.status).toBe(201);
    expect(sent).toEqual([
      { method: 'POST', key: 'k-1', body: '{"a":1}' },
      { method: 'POST', key: 'k-1', body: '{"a":1}' },
    ]);
  });

  it('never repeats a POST without a key, nor a DELETE', async () => {
    const failing = scripted(new TypeError('fetch failed'));
    await expect(retryingFetch(failing.fetch, fast)(post())).rejects.toThrow('fetch failed');
    expect(failing.sent).toHaveLength(1);
    const deleting = scripted(problem(503, 'SERVICE_STARTING'));
    const response = await retryingFetch(deleting.fetch, fast)(new Request('http://api.test/v1/carts/1', { method: 'DELETE' }));
    expect(response.status).toBe(503);
    expect(deleting.sent).toHaveLength(1);
  });

  it('does not resend a PUT with If-Match after a network failure (a landed first try would read as 412)', async () => {
    const { fetch, sent } = scripted(new TypeError('fetch failed'));
    const put = new Request('http://api.test/v1/carts/1/items/a', { method: 'PUT', body: '{"quantity":2}', headers: { 'If-Match': '"3"' } });
    await expect(retryingFetch(fetch, fast)(put)).rejects.toThrow('fetch failed');
    expect(sent).toHaveLength(1);
  });

  it('waits out 503 and 409 IDEMPOTENCY_KEY_IN_USE, but not another 409', async () => {
    const { fetch, sent } = scripted(problem(503, 'SERVICE_STARTING'), problem(409, 'IDEMPOTENCY_KEY_IN_USE'), new Response('{}'));
    expect((await retryingFetch(fetch, fast)(post('k-2'))).status).toBe(200);
    expect(sent).toHaveLength(3);
    const conflict = scripted(problem(409, 'CART_CHECKED_OUT'));
    expect((await retryingFetch(conflict.fetch, fast)(post('k-3'))).status).toBe(409);
    expect(conflict.sent).toHaveLength(1);
  });

  it('gives up after the last attempt with what the api last said', async () => {
    const { fetch, sent } = scripted(problem(503, 'DEPENDENCY_UNAVAILABLE'), problem(503, 'DEPENDENCY_UNAVAILABLE'), problem(503, 'DEPENDENCY_UNAVAILABLE'));
    const response = await retryingFetch(fetch, fast)(new Request('http://api.test/v1/carts/1'));
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(3);
  });
});
