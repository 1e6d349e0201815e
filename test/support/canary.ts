/**
 * Secrets planted in the test hosts. They must never appear in any log line of the whole suite: the log capture
 * (test/support/log-capture.setup.ts) records every write that contains one, and the global teardown fails the run.
 */
export const canaryClientSecret = 'canary-client-secret-5f3a9c1e7b';
export const canaryRefreshToken = 'canary-refresh-token-8d2e4b6a0c';
export const canaryAccessToken = 'canary-access-token-1b9f7d3e5a';

/** Literal canaries, and the shape of every refresh token the emulator issues (`RT1-` + 32 base64url characters). */
export const canaryLiterals: readonly string[] = [canaryClientSecret, canaryRefreshToken, canaryAccessToken];
export const canaryPatterns: readonly RegExp[] = [/RT1-[A-Za-z0-9_-]{32}/];

/** Where the workers report leaks; the global setup chooses it, the global teardown reads it. */
export const leakFileVariable = 'QBO_SYNC_CANARY_LEAK_FILE';

export const findCanary = (text: string, extraLiterals: readonly string[] = []): string | null => {
  for (const literal of [...canaryLiterals, ...extraLiterals]) if (text.includes(literal)) return literal;
  for (const pattern of canaryPatterns) {
    const found = pattern.exec(text);
    if (found) return found[0];
  }
  return null;
};
