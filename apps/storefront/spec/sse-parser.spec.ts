import { SseParser } from '../public/js/sse-parser.js';

describe('SseParser', () => {
  it('parses events split anywhere across chunks, with ids, types, multi-line data and comments', () => {
    const parser = new SseParser('3');
    const text = 'retry: 1000\n: connected\n\nid: 0000000004\nevent: cart.item_added\ndata: {"a":\ndata: 1}\n\n: heartbeat\n\ndata: plain\r\n\r\n';
    const events = [...text].flatMap((char) => parser.push(char));
    expect(events).toEqual([
      { id: '0000000004', event: 'cart.item_added', data: '{"a":\n1}' },
      { id: '0000000004', event: 'message', data: 'plain' },
    ]);
    expect(parser.retryMs).toBe(1000);
    expect(parser.lastEventId).toBe('0000000004');
  });

  it('keeps the resume id when no event came, and ignores fields it does not know', () => {
    const parser = new SseParser('7');
    expect(parser.push('foo: bar\n\n: only a comment\n\n')).toEqual([]);
    expect(parser.lastEventId).toBe('7');
  });
});
