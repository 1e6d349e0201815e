import type { ApplicationError, ApplicationErrorKind } from '../../application/application-error';

/** The only place an application error kind becomes an HTTP status. */
const statusByKind: Record<ApplicationErrorKind, number> = {
  InvalidInput: 400,
  InvalidState: 400,
  InvalidSettings: 422,
  AuthorizationDenied: 403,
  NotFound: 404,
  NotConnected: 409,
  WrongCompany: 409,
  SettingsIncomplete: 409,
  WarningsNotAcknowledged: 409,
  Conflict: 409,
  QboUnavailable: 503,
};

export const httpStatusOf = (error: ApplicationError): number => statusByKind[error.kind];

export const errorBody = (code: string, message: string) => ({ error: { code, message } });
