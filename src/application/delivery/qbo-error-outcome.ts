import type { QboError } from '../../domain/qbo/qbo-error';
import type { DeliveryOutcome } from './delivery-outcome';

/** What a QBO error means for the outbox row: wait, try again later, or fail with the reason. */
export const outcomeOfQboError = (error: QboError): DeliveryOutcome => {
  switch (error.kind) {
    case 'NotConnected':
    case 'Unauthorized':
      return { kind: 'held', reason: error.message };
    case 'Throttled':
    case 'Unavailable':
      return { kind: 'retry', reason: error.message };
    default:
      return { kind: 'failed', reason: error.message };
  }
};
