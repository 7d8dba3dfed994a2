// Fails when the current OpenAPI document breaks the released one without a new major version:
// node tools/openapi/src/breaking-check.ts <current.json> [baseline.json]
// Changes listed in ../accepted-breaking-changes.json (where, action, why) are let through.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareDocuments, verdictOf, type AcceptedChange } from './breaking-changes.ts';
import { isJsonObject, type JsonObject } from './inline-all-of-refs.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultBaseline = path.resolve(here, '../baseline.openapi.json');
const acceptedFile = path.resolve(here, '../accepted-breaking-changes.json');

async function readDocument(file: string): Promise<JsonObject> {
  const document: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!isJsonObject(document)) throw new Error(`${file} is not an OpenAPI document`);
  return document;
}

const [currentFile, baselineFile = defaultBaseline] = process.argv.slice(2);
if (!currentFile) {
  process.stderr.write('usage: breaking-check.ts <current.json> [baseline.json]\n');
  process.exit(2);
}
const comparison = compareDocuments(await readDocument(baselineFile), await readDocument(currentFile));
const accepted = JSON.parse(await readFile(acceptedFile, 'utf8')) as AcceptedChange[];
const verdict = verdictOf(comparison, accepted);
process.stdout.write(`openapi-breaking: ${verdict.summary}\n`);
process.exitCode = verdict.passed ? 0 : 1;
