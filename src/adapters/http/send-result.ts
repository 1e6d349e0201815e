import type { Response } from 'express';
import type { ApplicationError } from '../../application/application-error';
import type { Result } from '../../domain/shared/result';
import { errorBody, httpStatusOf } from './http-status';

/** Answers a use case's Result: the value as JSON with `status`, or the error with its mapped status. */
export const sendResult = <T>(res: Response, result: Result<T, ApplicationError>, status = 200): void => {
  if (result.ok) {
    res.status(status).json(result.value);
    return;
  }
  res.status(httpStatusOf(result.error)).json(errorBody(result.error.code, result.error.message));
};
