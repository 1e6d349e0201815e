import type { EntityRules } from './entity-rules';

/** Payment terms (Net 30, ...): read and queried; invoices take their SalesTermRef and DueDate from them. */
export const TERM_RULES: EntityRules = {
  entity: 'Term',
  writable: new Set(),
  computed: new Set(['Name', 'Active', 'Type', 'DueDays', 'DiscountPercent', 'DiscountDays']),
  creatable: false,
  deletable: false,
  prepare: (input) => input,
};

/** The standard terms of a new QBO company; Preferences.SalesFormsPrefs.DefaultTerms names Net 30 (Intuit's sample: "3"). */
export const STANDARD_TERMS = [
  { Name: 'Due on receipt', DueDays: 0 },
  { Name: 'Net 15', DueDays: 15 },
  { Name: 'Net 30', DueDays: 30 },
  { Name: 'Net 60', DueDays: 60 },
].map((term) => ({ ...term, Active: true, Type: 'STANDARD', DiscountPercent: 0, DiscountDays: 0 }));
