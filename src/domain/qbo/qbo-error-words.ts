import type { QboError, QboErrorKind } from './qbo-error';

// QBO's fault codes and what they mean to an admin: one table that every QboGateway adapter reports through.

/** What the failed request was about, so the message can name it. */
export interface FaultContext {
  readonly entity?: string;
  readonly name?: string;
  readonly docNumber?: string;
}

/** The parts of a QBO fault the words are made from, whichever JSON shape carried them. */
export interface FaultDetail {
  readonly message: string;
  readonly detail: string;
  readonly code: string;
  readonly element: string;
  readonly type: string;
}

const kindByCode: { readonly [code: string]: QboErrorKind } = {
  '6240': 'DuplicateName',
  '5010': 'StaleObject',
  '610': 'NotFound',
  '2500': 'InvalidReference',
  '2020': 'RequiredField',
  '6000': 'BusinessValidation',
  '6140': 'DuplicateDocNumber',
  '6210': 'ClosedPeriod',
  '3001': 'Throttled',
  '100': 'Unauthorized',
  '120': 'Unauthorized',
  '3100': 'Unauthorized',
  '3200': 'Unauthorized',
};

const kindOf = (status: number, fault: FaultDetail | null): QboErrorKind => {
  const byCode = fault ? kindByCode[fault.code.replace(/^0+(?=\d)/, '')] : undefined;
  if (byCode) return byCode;
  if (status === 401 || status === 403) return 'Unauthorized';
  if (status === 429) return 'Throttled';
  if (status >= 500 || status === 0) return 'Unavailable';
  return 'Validation';
};

const quoted = (value: string | undefined): string => (value ? ` '${value}'` : '');

const plainWords = (kind: QboErrorKind, fault: FaultDetail | null, context: FaultContext): string => {
  const said = [fault?.message, fault?.detail].filter((part) => part).join(': ');
  switch (kind) {
    case 'DuplicateName':
      return context.entity === 'Item'
        ? `QuickBooks says the name${quoted(context.name)} is already used by another product or service.`
        : `QuickBooks says the name${quoted(context.name)} is already used by another customer, vendor or employee.`;
    case 'StaleObject':
      return 'Someone changed this record in QuickBooks at the same time, so QuickBooks did not save our change. It will be read again and re-applied.';
    case 'NotFound':
      // QBO answers 610 both for a deleted record and for an inactive one a transaction names ("made inactive").
      return /inactive/i.test(said)
        ? 'QuickBooks refused it because a record it names (its customer, an item or an account) is inactive in QuickBooks. Make that record active again in QuickBooks; the change is then sent again by itself.'
        : 'QuickBooks could not find the record: it may have been deleted there, or made inactive.';
    case 'InvalidReference':
      return `QuickBooks does not recognise a record this one refers to${fault?.element ? ` (${fault.element})` : ''}. Check that it still exists and is active in QuickBooks.`;
    case 'RequiredField':
      return `QuickBooks needs a value that was missing${fault?.detail ? `: ${fault.detail}` : '.'}`;
    case 'BusinessValidation':
      return `QuickBooks rejected the change${fault?.detail ? `: ${fault.detail}` : '.'}`;
    case 'DuplicateDocNumber':
      return `QuickBooks already has a transaction numbered${quoted(context.docNumber)}. Use another number, or let QuickBooks number transactions itself.`;
    case 'ClosedPeriod':
      return 'The date falls in a period that is closed in QuickBooks. Reopen the period in QuickBooks or change the date.';
    case 'Unauthorized':
      return 'QuickBooks refused our authorization. Reconnect QuickBooks Online in Integrations.';
    case 'Throttled':
      return 'QuickBooks is limiting how fast we may send. The change will be sent again shortly.';
    case 'Unavailable':
      return 'QuickBooks could not be reached or had an internal error. The change will be sent again shortly.';
    case 'NotConnected':
      return 'QuickBooks Online is not connected for this company. Connect it in Integrations.';
    case 'Validation':
      return `QuickBooks rejected the request${said ? `: ${said}` : '.'}`;
  }
};

const optional = (key: 'code' | 'detail' | 'element' | 'intuitTid', value: string | undefined): Partial<QboError> =>
  value ? { [key]: value } : {};

/** A refusal from QBO (its HTTP status and fault, when it sent one) as a typed error with plain words for an admin. */
export const qboErrorOf = (status: number, fault: FaultDetail | null, intuitTid: string | undefined, context: FaultContext = {}): QboError => {
  const kind = kindOf(status, fault);
  return {
    kind,
    message: plainWords(kind, fault, context),
    ...optional('code', fault?.code),
    ...optional('detail', fault?.detail || fault?.message),
    ...optional('element', fault?.element),
    ...optional('intuitTid', intuitTid),
  };
};

export const unavailable = (why: string, intuitTid?: string): QboError => ({
  kind: 'Unavailable',
  message: plainWords('Unavailable', null, {}),
  detail: why,
  ...optional('intuitTid', intuitTid),
});

const notConnectedWords = {
  needs_reconnect: 'QuickBooks Online needs to be reconnected: its authorization was revoked or has expired. Reconnect it in Integrations.',
  pending_verification: 'QuickBooks has not yet confirmed which company was connected (it was busy); this finishes by itself in the background. Try again in a minute.',
};

export const notConnected = (reason: 'missing' | 'needs_reconnect' | 'pending_verification'): QboError => ({
  kind: 'NotConnected',
  message: reason === 'missing' ? plainWords('NotConnected', null, {}) : notConnectedWords[reason],
});
