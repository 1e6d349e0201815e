/**
 * Why a host record cannot go to QBO as it is: a typed rejection with a plain-words reason for the activity log,
 * never an exception and never a wrong number in QBO.
 */
import { moneyWords } from '../shared/money-words';
import type { SyncDecision } from './sync-decision';

export type RejectionCode =
  | 'no_income_account'
  | 'no_deposit_account'
  | 'negative_amount'
  | 'zero_amount'
  | 'not_whole_cents'
  | 'total_mismatch'
  | 'line_amount_mismatch'
  | 'line_without_item'
  | 'no_lines'
  | 'doc_number_too_long'
  | 'overpayment'
  | 'refund_exceeds_payment'
  | 'missing_customer'
  | 'missing_item'
  | 'missing_invoice'
  | 'missing_payment'
  | 'customer_mismatch'
  | 'invoice_void'
  | 'payment_deleted'
  | 'no_tax_code'
  | 'tax_without_taxable_line'
  | 'deposited_payment'
  | 'no_payout_accounts'
  | 'payout_mismatch'
  | 'payout_payment_deleted'
  | 'no_receivable_account'
  | 'refund_of_deposited_payment';

export type Rejection = Extract<SyncDecision, { kind: 'rejected' }> & { readonly code: RejectionCode };

export const rejected = (code: RejectionCode, reason: string): Rejection => ({ kind: 'rejected', code, reason });

/** Cents as people read them in the company's currency: 12345 → "$123.45", "CA$123.45" (null: US dollars). */
export const dollars = (cents: number, currency: string | null = null): string => moneyWords(cents, currency, false);

/** A whole number of cents that JavaScript holds exactly (no fractions, no rounding). */
export const isWholeCents = (value: number): boolean => Number.isSafeInteger(value);
