/**
 * What a caller of a use case can act on. `kind` decides the HTTP status in one table (the router);
 * `message` is plain words for the admin: what happened and what to do.
 */
export type ApplicationErrorKind =
  | 'NotConnected'
  | 'InvalidState'
  | 'AuthorizationDenied'
  | 'WrongCompany'
  | 'QboUnavailable'
  | 'SettingsIncomplete'
  | 'InvalidSettings'
  | 'WarningsNotAcknowledged'
  | 'NotFound'
  | 'InvalidInput'
  | 'Conflict';

export interface ApplicationError {
  readonly kind: ApplicationErrorKind;
  readonly message: string;
  /** Stable, machine-readable code for the HTTP API (`warnings_not_acknowledged`, …). */
  readonly code: string;
}

export const applicationError = (kind: ApplicationErrorKind, code: string, message: string): ApplicationError => ({ kind, code, message });
