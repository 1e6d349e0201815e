/**
 * Why QBO refused or could not take a request, as a tagged union whose kinds survive logs and HTTP.
 * `message` is plain words for the activity log; `code` is QBO's own error code when it gave one.
 */
export type QboErrorKind =
  | 'DuplicateName' // 6240
  | 'StaleObject' // 5010
  | 'NotFound' // 610
  | 'InvalidReference' // 2500
  | 'RequiredField' // 2020
  | 'BusinessValidation' // 6000
  | 'DuplicateDocNumber' // 6140
  | 'ClosedPeriod' // 6210
  | 'Validation' // any other 4xx ValidationFault
  | 'NotConnected' // no usable connection: never connected, disconnected, or needs_reconnect
  | 'Unauthorized' // 401/403 that a token refresh did not cure
  | 'Throttled' // 429 / 3001 still after waiting
  | 'Unavailable'; // 5xx, network errors and timeouts after the bounded retries

export interface QboError {
  readonly kind: QboErrorKind;
  readonly message: string;
  readonly code?: string;
  readonly detail?: string;
  readonly element?: string;
  /** QBO's `intuit_tid` response header, kept for Intuit support. */
  readonly intuitTid?: string;
}

/** Errors that may clear up by themselves; a delivery waits and tries again instead of failing. */
export const isTransientQboError = (error: QboError): boolean =>
  error.kind === 'Throttled' || error.kind === 'Unavailable' || error.kind === 'NotConnected' || error.kind === 'Unauthorized';
