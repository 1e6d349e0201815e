import fc from 'fast-check';

/** A value a browser, a script or an attacker might put anywhere in a request. */
export const injection = '<svg onload=alert(1)>"\'&';
export const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(injection, '', ' ', '-1', '0', '1e9', '99999999999999999999', 'NaN', 'null', 'undefined', '__proto__', 'constructor', '%00', '\u202Eevil', '😀'.repeat(30), 'a'.repeat(5000), "' OR 1=1 --", '../../etc/passwd', '=cmd|"/c calc"!A1'),
);

const queryKey = fc.oneof(
  fc.constantFrom('limit', 'cursor', 'kind', 'outcome', 'state', 'code', 'realmId', 'error', 'qboIds', 'tenantId', 'connected', 'format', '__proto__', 'constructor[prototype]', 'a[b]'),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** `k=v&k=v2…`, with repeated keys (arrays to Express) and hostile values. */
export const queryString = fc
  .array(fc.tuple(queryKey, hostileText), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

const jsonish = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom('acknowledgeWarnings', 'qboIds', 'incomeAccountId', 'depositAccountId', 'tenantId', '__proto__', 'ids'), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

export type FuzzBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'raw'; readonly contentType: string; readonly text: string };

export const body: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc.constant<FuzzBody>({ kind: 'none' }),
  jsonish.map((value): FuzzBody => ({ kind: 'json', value })),
  fc.record({
    kind: fc.constant('raw' as const),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-16', 'application/json; charset=koi8-r', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x'),
    text: fc.oneof(hostileText, fc.constantFrom('{', '{"a":', '[1,2', '{"__proto__":{"polluted":true}}', 'null', '"text"', '1', `{"x":"${'y'.repeat(200_000)}"}`, '{"a":'.repeat(2000))),
  }),
);

/** Header values must be visible ASCII to travel over HTTP at all. */
const headerValue = fc.oneof(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 }), fc.constantFrom('', injection));
export const headers = fc.record(
  {
    accept: fc.constantFrom('*/*', 'text/html', 'application/json', 'text/csv', 'image/png', 'x/y;q=0'),
    'if-none-match': headerValue,
    'x-forwarded-host': headerValue,
    'x-requested-with': headerValue,
    cookie: headerValue,
  },
  { requiredKeys: [] },
);
