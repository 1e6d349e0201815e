/**
 * Paths pino censors wherever they appear in a log line: tokens, secrets, authorization headers, OAuth codes and
 * e-mail addresses never reach a log. `intuit_tid` is kept on purpose: Intuit support asks for it.
 */
export const redactedPaths: readonly string[] = [
  'accessToken', 'refreshToken', 'access_token', 'refresh_token', 'token', 'tokens', 'id_token',
  'clientSecret', 'client_secret', 'encryptionKey', 'code', 'authorization', 'Authorization', 'password', 'email',
  '*.accessToken', '*.refreshToken', '*.access_token', '*.refresh_token', '*.token', '*.tokens', '*.id_token',
  '*.clientSecret', '*.client_secret', '*.code', '*.authorization', '*.Authorization', '*.email',
  'headers.authorization', 'req.headers.authorization', 'req.headers.cookie',
];

export const censor = '[redacted]';

/** Key names (lower case, without `_` and `-`) whose values never reach a log, at any depth. */
const secretKeys = new Set([
  'accesstoken', 'refreshtoken', 'idtoken', 'token', 'tokens', 'clientsecret', 'secret', 'encryptionkey', 'key', 'keys',
  'code', 'state', 'authorization', 'proxyauthorization', 'cookie', 'setcookie', 'password', 'email', 'emailaddress',
  'primaryemailaddr', 'verifiertoken', 'intuitsignature', 'apikey', 'xapikey',
]);

const isSecretKey = (key: string): boolean => secretKeys.has(key.toLowerCase().replace(/[_-]/g, ''));

/** Secrets that travel inside text: e-mail addresses, bearer/basic credentials, and token/code/state parameters. */
const textRules: ReadonlyArray<readonly [RegExp, string]> = [
  [/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[A-Za-z]{2,}/g, '[email]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${censor}`],
  [/\b((?:access_token|refresh_token|id_token|client_secret|code|state|token)["']?\s*[=:]\s*["']?)[^\s&"',}]+/gi, `$1${censor}`],
];

export const redactText = (text: string): string => textRules.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);

const maxDepth = 8;

/**
 * A copy of a log context with secrets censored at any depth (pino's path redaction only reaches the paths it
 * was given). Errors become `{ name, message }`: their stacks and attached request objects stay out of logs.
 */
export const redactValue = (value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown => {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = isSecretKey(key) ? censor : redactValue(item, depth + 1, seen);
  return out;
};
