/**
 * The contract suites use Jest's injected globals (`describe`, `it`, `beforeEach`, `expect`), as a host's own Jest
 * provides them by default. Asked before a suite registers, so a run without them fails with what to do instead of
 * "describe is not defined" from inside the package.
 */
export const requireJestGlobals = (suite: string): void => {
  const scope = globalThis as Record<string, unknown>;
  const missing = ['describe', 'it', 'beforeEach', 'expect'].filter((name) => typeof scope[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(
      `qbo-sync/testing: ${suite} runs inside Jest and needs its globals (${missing.join(', ')} missing). ` +
        'Call it from a Jest test file; with `injectGlobals: false`, set them first: `Object.assign(globalThis, await import("@jest/globals"))`.',
    );
  }
};
