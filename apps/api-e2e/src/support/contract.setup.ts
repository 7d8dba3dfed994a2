import { takeContractViolations } from './contract-check.ts';

// Jest setupFilesAfterEnv: a test during which any answer broke the document fails, even if the
// helper that made the request caught the error.
afterEach(() => {
  const violations = takeContractViolations();
  if (violations.length > 0) throw new Error(`${violations.length} answer(s) broke the OpenAPI document:\n${violations.join('\n')}`);
});
