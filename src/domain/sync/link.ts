import type { HostRecordKind } from '../host/host-records';
import type { QboWritableEntity } from '../qbo/qbo-records';

/** What the plugin knows of a host record it has pushed: where it lives in QBO and what was sent last. */
export interface Link {
  readonly kind: HostRecordKind;
  readonly hostId: string;
  readonly qboEntity: QboWritableEntity;
  readonly qboId: string;
  readonly syncToken: string;
  /** Fingerprint of the host-owned fields last pushed; null for a record adopted by name and never pushed. */
  readonly fingerprint: string | null;
  /** The host-owned fields last pushed, to send only what changed. */
  readonly pushed: Readonly<Record<string, unknown>> | null;
  /** Set once the QBO record was deleted or voided because the host record went away. */
  readonly retired: boolean;
}
