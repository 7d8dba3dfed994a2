import { gzipSync } from 'node:zlib';
import { customerWithCart } from './support/api-client.ts';
import { backends } from './support/e2e-environment.ts';
import { anonymousClient } from './support/guest-carts.ts';
import { expectProblem } from './support/problem.assertions.ts';
import { sellableIds } from './support/catalog.data.ts';

// What the contract tests and the fuzzer found (each answer is also checked against the document
// by ApiClient): kept as plain regression tests.
describe.each(backends())('contract findings ($name)', (backend) => {
  it('a path id that is not valid percent-encoding answers 400 VALIDATION_FAILED, not 500', async () => {
    const { client } = await customerWithCart(backend);
    expectProblem(await client.request('GET', '/v1/carts/%E0%A4%A'), 400, 'VALIDATION_FAILED');
  });

  it('a body whose Content-Encoding stream is corrupt answers 400 MALFORMED_JSON, not 500', async () => {
    const { client, cart } = await customerWithCart(backend);
    const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
    expectProblem(await client.request('POST', `/v1/carts/${cart.id}/items`, { body: '{"quantity":1}', headers }), 400, 'MALFORMED_JSON');
  });

  it('a number no double can hold (1e309) answers 400 MALFORMED_JSON, not 500 (with an Idempotency-Key, which fingerprints the body)', async () => {
    const { client, cart } = await customerWithCart(backend);
    const headers = { 'content-type': 'application/json', 'idempotency-key': 'big-number', 'if-match': `"${cart.version}"` };
    expectProblem(await client.request('POST', `/v1/carts/${cart.id}/checkout`, { body: '{"quantity": 1e309}', headers }), 400, 'MALFORMED_JSON');
    expectProblem(await client.request('POST', `/v1/carts/${cart.id}/items`, { body: '{"productId": "x", "quantity": -1e309}', headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON');
  });

  it('a gzip body that is valid is read', async () => {
    const { client, cart } = await customerWithCart(backend);
    const [product] = sellableIds(1);
    const response = await fetch(`${backend.baseUrl}/v1/carts/${cart.id}/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token ?? ''}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ productId: product, quantity: 1 })),
    });
    expect(response.status).toBe(200);
  });

  it("a guest cart's 201 carries its cartToken, which the document declares", async () => {
    const created = await anonymousClient(backend).createCart();
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ cartToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }));
  });
});
