import { inlineAllOfRefs } from './inline-all-of-refs.ts';

describe('inlineAllOfRefs', () => {
  const problem = { type: 'object', properties: { code: { type: 'string' } } };

  it('replaces allOf members that are only a local $ref, and leaves the input alone', () => {
    const document = {
      paths: { '/x': { schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { properties: { code: { enum: ['A'] } } }] } } },
      components: { schemas: { Problem: problem } },
    };
    const inlined = inlineAllOfRefs(document) as typeof document;
    expect(inlined.paths['/x'].schema.allOf).toEqual([problem, { properties: { code: { enum: ['A'] } } }]);
    expect(document.paths['/x'].schema.allOf[0]).toEqual({ $ref: '#/components/schemas/Problem' });
  });

  it('keeps $refs outside allOf, with siblings, unknown, or already being inlined (cycles)', () => {
    const node = { allOf: [{ $ref: '#/components/schemas/Node' }] };
    const document = {
      a: { $ref: '#/components/schemas/Node' },
      b: { allOf: [{ $ref: '#/components/schemas/Node', description: 'd' }, { $ref: '#/components/schemas/Missing' }] },
      components: { schemas: { Node: node } },
    };
    const inlined = inlineAllOfRefs(document) as Record<string, unknown>;
    expect(inlined['a']).toEqual({ $ref: '#/components/schemas/Node' });
    expect(inlined['b']).toEqual(document.b);
    expect((inlined['components'] as { schemas: { Node: unknown } }).schemas.Node).toEqual({ allOf: [{ allOf: [{ $ref: '#/components/schemas/Node' }] }] });
  });
});
