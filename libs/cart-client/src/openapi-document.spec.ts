import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '@carteria/testing';
import { apiUnderTest } from '../test/api-under-test.ts';

// The SDK's types are generated from the document the api's CLI prints (no server needed at build
// time); this holds only while that document is the one the running api serves.
describe('the OpenAPI document the SDK is generated from', () => {
  it('is the one the api serves at /openapi.json', async () => {
    const { stdout } = await promisify(execFile)(path.join(workspaceRoot, 'node_modules/.bin/node'), ['apps/api/src/cli/openapi.ts'], {
      cwd: workspaceRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
    const served = await (await fetch(`${apiUnderTest().baseUrl}/openapi.json`)).json();
    expect(JSON.parse(stdout)).toEqual(served);
  });
});
