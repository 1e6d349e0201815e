/**
 * Which money records belong to the sync. Rule: an invoice, payment or refund is "from before the sync" when the
 * host date that makes it real — a payment's `receivedOn`, a refund's `refundedOn` — is earlier than the UTC day
 * the sync was turned on (`settings.enabledAt`). Such records are never sent (logged as a skip); an invoice is
 * sent only with a payment inside the window, whatever its own issue date, because that payment must apply to it.
 * Host dates carry no time zone, so the comparison is by calendar day: a payment received on the enable day goes.
 */
export const syncStartDay = (enabledAt: number | null): string | null =>
  enabledAt === null ? null : new Date(enabledAt).toISOString().slice(0, 10);

export const isBeforeSync = (hostDate: string, startDay: string | null): boolean => startDay !== null && hostDate < startDay;
