/** How one outbox row ends this attempt; the delivery round settles the row accordingly. */
export type DeliveryOutcome =
  /** QBO holds what the rules give (or nothing was needed): the row is done. */
  | { readonly kind: 'delivered' }
  /** The tenant cannot be served now (sync off, no usable connection): wait without spending an attempt. */
  | { readonly kind: 'held'; readonly reason: string }
  /** A transient failure (throttled, unavailable): try again later with backoff. */
  | { readonly kind: 'retry'; readonly reason: string }
  /** QBO or the rules refused it: the row is failed, visible in the activity log with a retry. */
  | { readonly kind: 'failed'; readonly reason: string };
