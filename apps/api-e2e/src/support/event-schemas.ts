import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { workspaceRoot } from '@carteria/testing';
import type { CartEventBody } from './cart-event.types.ts';

/**
 * The JSON Schemas the analytics lib ships (libs/analytics/schemas), read from disk: the lib is out
 * of an e2e project's reach. The `$id`s are names, not URLs: every file is loaded into one validator.
 */
export const schemasDirectory = path.join(workspaceRoot, 'libs/analytics/schemas');
const idPrefix = 'https://carteria.invalid/schemas/analytics/';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const files = readdirSync(schemasDirectory).filter((file) => file.endsWith('.schema.json'));
for (const file of files) ajv.addSchema(JSON.parse(readFileSync(path.join(schemasDirectory, file), 'utf8')) as object);

function schema(file: string): ValidateFunction {
  const found = ajv.getSchema(`${idPrefix}${file}`);
  if (!found) throw new Error(`no schema ${file} in ${schemasDirectory} (has ${files.join(', ')})`);
  return found;
}

/** The ajv errors of `event` against the envelope and against its type's schema; [] when valid. */
export function schemaErrors(event: CartEventBody): string[] {
  const errors: string[] = [];
  for (const file of ['cloudevent.schema.json', `${event.type}.schema.json`]) {
    if (!files.includes(file)) {
      errors.push(`${file}: no such schema`);
      continue;
    }
    const validate = schema(file);
    if (!validate(event)) errors.push(...(validate.errors ?? []).map((error) => `${file}: ${error.instancePath} ${error.message ?? ''}`));
  }
  return errors;
}
