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
  // The fields of Intuit's CompanyInfo sample, with the emulated company's own values.
  present(store, _record, wire) {
    const address = { City: 'Mountain View', Country: 'US', Line1: '2500 Garcia Ave', PostalCode: '94043', CountrySubDivisionCode: 'CA', Id: '1' };
    Object.assign(wire, {
      CompanyName: store.companyName,
      LegalName: store.companyName,
      CompanyAddr: address,
      CustomerCommunicationAddr: address,
      LegalAddr: address,
      PrimaryPhone: { FreeFormNumber: '(650)944-4444' },
      Email: { Address: 'donotreply@example.com' },
      WebAddr: {},
      FiscalYearStartMonth: 'January',
      SupportedLanguages: 'en',
      NameValue: [
        { Name: 'NeoEnabled', Value: 'true' },
        { Name: 'SubscriptionStatus', Value: 'PAID' },
        { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
        { Name: 'PayrollFeature', Value: 'false' },
        { Name: 'AccountantFeature', Value: 'false' },
      ],
    });
  },
};
