import { natsPublisherDefaults, natsServersFrom, resolveNatsOptions } from './nats-jetstream-publisher.options.ts';

describe('NATS publisher options', () => {
  it('fill in the defaults: stream CARTS on carts.>, one replica, a two-minute dedupe window', () => {
    expect(resolveNatsOptions({ servers: ['nats://a:4222'] })).toEqual({ ...natsPublisherDefaults, servers: ['nats://a:4222'] });
    expect(natsPublisherDefaults).toMatchObject({ stream: 'CARTS', subjectPrefix: 'carts', replicas: 1, duplicateWindowMs: 120_000 });
  });

  it.each([
    [{ servers: [] }],
    [{ servers: [' '] }],
    [{ servers: ['a'], stream: 'CARTS.X' }],
    [{ servers: ['a'], subjectPrefix: 'carts.>' }],
    [{ servers: ['a'], replicas: 0 }],
    [{ servers: ['a'], replicas: 7 }],
    [{ servers: ['a'], ackTimeoutMs: 0 }],
    [{ servers: ['a'], duplicateWindowMs: 10 }],
  ])('refuse %p', (options) => {
    expect(() => resolveNatsOptions(options)).toThrow(RangeError);
  });

  it('read NATS_URL as a comma-separated server list', () => {
    expect(natsServersFrom('nats://a:4222, nats://b:4222,,')).toEqual(['nats://a:4222', 'nats://b:4222']);
    expect(natsServersFrom('')).toEqual([]);
  });
});
