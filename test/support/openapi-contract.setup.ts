import { contractViolations } from './openapi-contract';

// Every test file whose host answered outside its OpenAPI document fails, naming each answer (test/support/openapi-contract.ts).
afterAll(() => {
  const seen = [...new Set(contractViolations)];
  contractViolations.length = 0;
  expect(seen).toEqual([]);
});
