import type { EntityRules } from './entity-rules';

/** Read-only here: the company's name comes from the control API. */
export const COMPANY_INFO_RULES: EntityRules = {
  entity: 'CompanyInfo',
  writable: new Set(),
  computed: new Set(),
  creatable: false,
  deletable: false,
  prepare(input) {
    return input;
  },
  present(store, _record, wire) {
    wire.CompanyName = store.companyName;
    wire.LegalName = store.companyName;
  },
};
