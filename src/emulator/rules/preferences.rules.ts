import type { Body } from '../emulated-entity';
import type { EntityRules } from './entity-rules';

const GROUPS = [
  'AccountingInfoPrefs', 'ProductAndServicesPrefs', 'SalesFormsPrefs', 'EmailMessagesPrefs', 'VendorAndPurchasesPrefs', 'TimeTrackingPrefs',
  'TaxPrefs', 'CurrencyPrefs', 'ReportPrefs', 'OtherPrefs',
];

/**
 * The company's Preferences (Id "1"), read with `GET /preferences` or a query. The sales tax preferences are fixed by how
 * the company was created (Intuit: "To determine if the QuickBooks Online company uses automated sales tax, query the
 * Preferences.TaxPrefs.PartnerTaxEnabled attribute"); the emulator takes no Preferences writes.
 */
export const PREFERENCES_RULES: EntityRules = {
  entity: 'Preferences',
  writable: new Set(),
  computed: new Set(GROUPS),
  creatable: false,
  deletable: false,
  prepare: (input) => input,
  present(store, _record, wire) {
    // Closing the books is a preference too: AccountingInfoPrefs.BookCloseDate.
    const accounting = { ...((wire.AccountingInfoPrefs as Body | undefined) ?? {}) };
    if (store.closedThrough !== null) accounting.BookCloseDate = store.closedThrough;
    else delete accounting.BookCloseDate;
    wire.AccountingInfoPrefs = accounting;
  },
};
