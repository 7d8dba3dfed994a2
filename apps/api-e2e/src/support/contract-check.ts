import { contractDocument, type SeenResponse } from './openapi-contract.ts';

/** An answer that breaks the served OpenAPI document. */
export class ContractViolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolationError';
  }
}

const seen: string[] = [];

/**
 * Checks one answer against the document of the api that gave it: the status is declared for the
 * operation, the body matches its schema, every error is problem+json. Throws on a violation and
 * also records it, so a test whose helper swallows errors still fails (see contract.setup.ts).
 */
export async function expectContract(baseUrl: string, method: string, path: string, response: SeenResponse): Promise<void> {
  const document = await contractDocument(baseUrl);
  const violations = document.violations(method, path, response);
  if (violations.length === 0) return;
  const message = `the answer to ${method} ${path} breaks the OpenAPI document:\n  ${violations.join('\n  ')}`;
  seen.push(message);
  throw new ContractViolationError(message);
}

/** The violations recorded since the last call. */
export function takeContractViolations(): string[] {
  return seen.splice(0, seen.length);
}
