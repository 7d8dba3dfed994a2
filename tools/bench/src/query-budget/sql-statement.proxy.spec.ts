import { ClientMessageReader, isTransactionControl, type SeenStatement } from './sql-statement.proxy.ts';

function message(type: string, ...parts: (string | Buffer)[]): Buffer {
  const body = Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(`${part}\0`) : part)));
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function untyped(code: number, rest: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + rest.length, 0);
  header.writeInt32BE(code, 4);
  return Buffer.concat([header, rest]);
}

describe('ClientMessageReader', () => {
  const startup = untyped(196608, Buffer.from('user\0postgres\0\0'));

  it('reports simple queries and executed prepared statements, however the bytes are cut', () => {
    const seen: SeenStatement[] = [];
    const reader = new ClientMessageReader((statement) => seen.push(statement));
    const stream = Buffer.concat([
      untyped(80877103),
      startup,
      message('Q', 'BEGIN'),
      message('P', '', 'SELECT $1::int', Buffer.from([0, 0])),
      message('B', '', '', Buffer.from([0, 0, 0, 0, 0, 0])),
      message('D', 'P', ''),
      message('E', '', Buffer.from([0, 0, 0, 0])),
      message('S'),
      message('P', 's1', 'UPDATE carts SET version = 2', Buffer.from([0, 0])),
      message('B', 'p1', 's1', Buffer.from([0, 0, 0, 0, 0, 0])),
      message('E', 'p1', Buffer.from([0, 0, 0, 0])),
      message('B', 'p1', 's1', Buffer.from([0, 0, 0, 0, 0, 0])),
      message('E', 'p1', Buffer.from([0, 0, 0, 0])),
      message('Q', 'COMMIT'),
    ]);
    for (let offset = 0; offset < stream.length; offset += 7) reader.push(stream.subarray(offset, offset + 7));

    expect(seen).toEqual([
      { sql: 'BEGIN', protocol: 'simple' },
      { sql: 'SELECT $1::int', protocol: 'extended' },
      { sql: 'UPDATE carts SET version = 2', protocol: 'extended' },
      { sql: 'UPDATE carts SET version = 2', protocol: 'extended' },
      { sql: 'COMMIT', protocol: 'simple' },
    ]);
    expect(seen.filter((statement) => !isTransactionControl(statement))).toHaveLength(3);
  });
});
