import type { RecordDecision } from './record-decision';

/** A row that exists but cannot be read is never taken for deleted: its change fails with the reason, visibly. */
export const unreadable = (reason: string): RecordDecision => ({
  kind: 'rejected',
  code: 'host_row_unreadable',
  reason: `it could not be read from the app (${reason}). Correct the record in the app; the change is sent again when it is saved, or retry it from the activity log.`,
});
