/**
 * The plugin-managed service item every refund line points at (named "Refund" unless the tenant chose another
 * name). It is not a host record; `REFUND_ITEM_HOST_ID` is its key among item links and in `awaiting` dependencies.
 */
import type { Link } from '../sync/link';
import type { SyncDecision } from '../sync/sync-decision';
import { decideItem } from './decide-item';

export const REFUND_ITEM_HOST_ID = 'qbo-sync:refund';
export const DEFAULT_REFUND_ITEM_NAME = 'Refund';

export const decideRefundItem = (
  tenantId: string,
  link: Link | null,
  settings: { readonly incomeAccountId: string | null; readonly name?: string },
): SyncDecision =>
  decideItem(
    tenantId,
    {
      id: REFUND_ITEM_HOST_ID,
      kind: 'pool_service',
      name: settings.name ?? DEFAULT_REFUND_ITEM_NAME,
      description: 'Refunds recorded by the field-service app',
      unitPriceCents: 0,
      sku: null,
      isActive: true,
    },
    link,
    { incomeAccountId: settings.incomeAccountId },
  );
