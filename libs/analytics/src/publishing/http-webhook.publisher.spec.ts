import { RecordingClientMetrics, sendJson, startLoopbackServer, unusedLoopbackUrl, warmUpHttpClient } from '@carteria/dependency-client/testing';
import type { LoopbackServer } from '@carteria/dependency-client/testing';
import { toCloudEvent } from '../events/cloud-event.ts';
import { cartEventRecord } from '../testing/sample-cart-events.ts';
import { EventPublishError } from './event-publisher.ts';
import { HttpWebhookPublisher, WEBHOOK_CONTENT_TYPE } from './http-webhook.publisher.ts';

const cartId = '0193a0c4-6b1e-7c2a-9f00-5d2b8e1f0a11';
const events = [1, 2, 3].map((sequence) =>
  toCloudEvent(cartEventRecord(sequence === 1 ? 'cart.created' : 'cart.emptied', { cartId, sequence })),
);

describe('HttpWebhookPublisher', () => {
  let server: LoopbackServer | undefined;
  let publisher: HttpWebhookPublisher | undefined;

  beforeAll(() => warmUpHttpClient());
  afterEach(async () => {
    await publisher?.close();
    await server?.close();
    publisher = undefined;
    server = undefined;
  });

  it('POSTs the batch as application/cloudevents-batch+json to the URL, path and query kept', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    const metrics = new RecordingClientMetrics();
    publisher = new HttpWebhookPublisher({ url: `${server.url}/hooks/carts?source=carteria`, headers: { authorization: 'Bearer t' }, metrics });
    await publisher.publish(events);

    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/hooks/carts?source=carteria');
    expect(request?.headers['content-type']).toBe(WEBHOOK_CONTENT_TYPE);
    expect(request?.headers['authorization']).toBe('Bearer t');
    expect(JSON.parse(request?.body ?? '')).toEqual(events);
    expect(metrics.calls).toEqual([expect.objectContaining({ dependency: 'analytics', operation: 'publish', outcome: 'success' })]);
  });

  it('takes any 2xx, whatever the body', async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 202, { accepted: 3 }));
    publisher = new HttpWebhookPublisher({ url: server.url });
    await expect(publisher.publish(events)).resolves.toBeUndefined();
  });

  it('throws EventPublishError, with nothing acknowledged, on a 500', async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 500, { error: 'down' }));
    publisher = new HttpWebhookPublisher({ url: server.url });
    const error = await publisher.publish(events).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EventPublishError);
    expect((error as EventPublishError).acknowledged).toEqual([]);
    expect((error as EventPublishError).message).toMatch(/HTTP 500/);
    expect(server.requests).toHaveLength(1); // no retry here: the relay retries later
  });

  it('throws on a timeout and when nothing listens', async () => {
    server = await startLoopbackServer(() => undefined); // never answers
    const metrics = new RecordingClientMetrics();
    publisher = new HttpWebhookPublisher({ url: server.url, timeoutMs: 100, metrics });
    await expect(publisher.publish(events)).rejects.toThrow(/did not answer in time/);
    expect(metrics.calls[0]?.outcome).toBe('timeout');
    await publisher.close();

    publisher = new HttpWebhookPublisher({ url: await unusedLoopbackUrl() });
    await expect(publisher.publish(events)).rejects.toThrow(/could not be reached/);
  });

  it('sends nothing for an empty batch and refuses a URL that is not http(s)', async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 200, {}));
    publisher = new HttpWebhookPublisher({ url: server.url });
    await publisher.publish([]);
    expect(server.requests).toHaveLength(0);
    expect(() => new HttpWebhookPublisher({ url: 'ftp://example.invalid/x' })).toThrow(RangeError);
    expect(() => new HttpWebhookPublisher({ url: 'not a url' })).toThrow(RangeError);
  });
});
