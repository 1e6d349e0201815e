/** One entry of a QBO `Fault.Error` list, exactly as QBO spells its keys. */
export interface QboFaultError {
  readonly Message: string;
  readonly Detail: string;
  readonly code: string;
  readonly element: string;
}

export type QboFaultType = 'ValidationFault' | 'SystemFault' | 'SERVICE' | 'AuthenticationFault';

/** Thrown inside the emulator wherever QBO would refuse the request; the routes render it. */
export class QboFault extends Error {
  constructor(
    readonly status: number,
    readonly type: QboFaultType,
    readonly errors: readonly QboFaultError[],
  ) {
    super(errors[0]?.Message ?? type);
    this.name = 'QboFault';
  }

  /** The `Fault` envelope QBO puts in a response body or a batch item. */
  toBody(): { Fault: { Error: readonly QboFaultError[]; type: QboFaultType } } {
    return { Fault: { Error: this.errors, type: this.type } };
  }
}

export const validationFault = (code: string, message: string, detail: string, element = ''): QboFault =>
  new QboFault(400, 'ValidationFault', [{ Message: message, Detail: detail, code, element }]);

export const requiredParam = (element: string): QboFault =>
  validationFault(
    '2020',
    'Required param missing, need to supply the required value for the API',
    `Required parameter ${element} is missing in the request`,
    element,
  );

export const invalidReference = (element: string): QboFault =>
  validationFault('2500', 'Invalid Reference Id', `Invalid Reference Id : ${element} assigned is not valid`, element);

export const objectNotFound = (element = ''): QboFault =>
  validationFault(
    '610',
    'Object Not Found',
    "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    element,
  );

export const staleObject = (): QboFault =>
  validationFault(
    '5010',
    'Stale Object Error',
    'Stale Object Error : You and QuickBooks were working on this at the same time. QuickBooks finished before you did, so your work was not saved.',
    'SyncToken',
  );

export const businessValidation = (detail: string, element = ''): QboFault =>
  validationFault(
    '6000',
    'A business validation error has occurred while processing your request',
    `Business Validation Error: ${detail}`,
    element,
  );

export const duplicateName = (what: 'customer, vendor or employee' | 'product or service' | 'account'): QboFault =>
  validationFault(
    '6240',
    'Duplicate Name Exists Error',
    `The name supplied already exists. : Another ${what} is already using this name. Please use a different name.`,
  );

/** The company's books are closed through a date: transactions dated on or before it cannot be written. */
export const closedPeriod = (closedThrough: string): QboFault =>
  validationFault('6210', 'Account Period Closed', `The account period has closed. Transactions dated on or before ${closedThrough} cannot be added or changed.`, 'TxnDate');

export const duplicateDocNumber = (docNumber: string, txnType: string, txnId: string): QboFault =>
  validationFault(
    '6140',
    'Duplicate Document Number Error',
    `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${txnType} with TxnId=${txnId}`,
    'DocNumber',
  );

export const stringLength = (element: string, max: number, supplied: number): QboFault =>
  validationFault(
    '2050',
    'String length is either shorter or longer than supported by specification',
    `String length specified does not match the supported length. Min:1 Max:${max} supported. Supplied length:${supplied}`,
    element,
  );

// Code unverified: QBO refuses ':' / tab / newline in names; 2030 "Invalid String Format" is our closest documented code.
export const invalidCharacters = (element: string): QboFault =>
  validationFault('2030', 'Invalid String Format', `${element} cannot contain a colon (:), a tab or a newline.`, element);

export const invalidEnumeration = (element: string, value: string): QboFault =>
  validationFault('2170', 'Invalid Enumeration', `Invalid Enumeration : ${value}`, element);

export const unsupportedProperty = (element: string): QboFault =>
  validationFault(
    '2010',
    'Request has invalid or unsupported property',
    `Property Name:Unrecognized field "${element}" specified is unsupported or invalid`,
    element,
  );

export const unsupportedOperation = (detail: string): QboFault =>
  validationFault('500', 'Unsupported Operation', `Operation ${detail} is not supported.`);

export const queryParserError = (detail: string): QboFault =>
  validationFault('4000', 'Error parsing query', `QueryParserError: ${detail}`);

export const queryValidationError = (detail: string): QboFault =>
  validationFault('4001', 'Invalid query', `QueryValidationError: ${detail}`);

export const throttled = (): QboFault =>
  new QboFault(429, 'SERVICE', [
    {
      Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
      Detail: 'The request limit was reached.  Try again later',
      code: '3001',
      element: '',
    },
  ]);

export const systemFailure = (cause?: string): QboFault =>
  new QboFault(500, 'SystemFault', [
    {
      Message: 'An application error has occurred while processing your request',
      Detail: `System Failure Error: ${cause ?? 'An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.'}`,
      code: '10000',
      element: '',
    },
  ]);

/**
 * The gateway's lowercase envelope. A bad or expired token: 401, 3200, type AUTHENTICATION, detail null
 * (python-quickbooks#118). A token without the right to the company's data: 403, 3100, type SERVICE, detail null
 * (oauth-jsclient#2, node-quickbooks#154).
 */
export function gatewayAuthBody(status: 401 | 403, epochMs: number): Record<string, unknown> {
  const code = status === 401 ? '3200' : '3100';
  const name = status === 401 ? 'AuthenticationFailed' : 'AuthorizationFailed';
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [{ message: `message=${name}; errorCode=00${code}; statusCode=${status}`, detail: null, code, element: null }],
      type: status === 401 ? 'AUTHENTICATION' : 'SERVICE',
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: epochMs,
    status: null,
    cdcresponse: [],
  };
}

/**
 * The capital-Fault 401s. A valid token used for another company: 100 "General Authentication Error" (an Intuit engineer
 * reproduced it "with the incorrect token/realm combination", oauth-jsclient#91). A company that lives on another
 * cluster (a realm this emulator does not hold): 130 "Accessing Wrong Cluster" (python-quickbooks#369).
 */
export const authenticationFault = (code: '100' | '130'): QboFault =>
  new QboFault(401, 'AuthenticationFault', [
    code === '100'
      ? { Message: 'General Authentication Error', Detail: 'AuthenticationErrorGeneral: SRV-110-Authentication Failure , statusCode: 401', code, element: '' }
      : { Message: 'Accessing Wrong Cluster', Detail: 'WrongClusterError: -11017-You have accessed the wrong server.  You will now be redirected. , statusCode: 401', code, element: '' },
  ]);
