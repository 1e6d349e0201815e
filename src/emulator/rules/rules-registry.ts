import type { EmulatedEntity } from '../emulated-entity';
import { ACCOUNT_RULES } from './account.rules';
import { COMPANY_INFO_RULES } from './company-info.rules';
import { CREDIT_MEMO_RULES } from './credit-memo.rules';
import type { EntityRules } from './entity-rules';
import { INVOICE_RULES } from './invoice.rules';
import { ITEM_RULES } from './item.rules';
import { PAYMENT_RULES } from './payment.rules';
import { PEOPLE_RULES } from './people.rules';
import { PREFERENCES_RULES } from './preferences.rules';
import { PURCHASE_RULES } from './purchase.rules';
import { TAX_AGENCY_RULES, TAX_CODE_RULES, TAX_RATE_RULES } from './tax-list.rules';
import { DEPOSIT_RULES } from './deposit.rules';
import { TERM_RULES } from './term.rules';
import { REFUND_RECEIPT_RULES } from './refund-receipt.rules';

const RULES: Record<EmulatedEntity, EntityRules> = {
  ...PEOPLE_RULES,
  Item: ITEM_RULES,
  Account: ACCOUNT_RULES,
  Invoice: INVOICE_RULES,
  Payment: PAYMENT_RULES,
  RefundReceipt: REFUND_RECEIPT_RULES,
  CreditMemo: CREDIT_MEMO_RULES,
  Purchase: PURCHASE_RULES,
  Deposit: DEPOSIT_RULES,
  TaxCode: TAX_CODE_RULES,
  TaxRate: TAX_RATE_RULES,
  TaxAgency: TAX_AGENCY_RULES,
  Preferences: PREFERENCES_RULES,
  Term: TERM_RULES,
  CompanyInfo: COMPANY_INFO_RULES,
};

export const rulesFor = (entity: EmulatedEntity): EntityRules => RULES[entity];
