import type { EntityRules } from './entity-rules';

/**
 * TaxCode, TaxRate and TaxAgency as the company's tax setup made them: read and queried like QBO's (Intuit: TaxCode
 * and TaxRate are created through the TaxService resource; "QuickBooks companies based in the US will only display
 * system-created tax agencies"). The emulator builds them with the company (see tax-setup.ts) and takes no writes.
 */
function taxListRules(entity: 'TaxCode' | 'TaxRate' | 'TaxAgency', fields: readonly string[]): EntityRules {
  return {
    entity,
    writable: new Set(),
    computed: new Set(fields),
    creatable: false,
    deletable: false,
    prepare: (input) => input,
  };
}

export const TAX_CODE_RULES = taxListRules('TaxCode', ['Name', 'Description', 'Active', 'Hidden', 'Taxable', 'TaxGroup', 'SalesTaxRateList', 'PurchaseTaxRateList', 'TaxCodeConfigType']);
export const TAX_RATE_RULES = taxListRules('TaxRate', ['Name', 'Description', 'Active', 'RateValue', 'AgencyRef', 'SpecialTaxType', 'DisplayType', 'EffectiveTaxRate', 'TaxReturnLineRef']);
export const TAX_AGENCY_RULES = taxListRules('TaxAgency', ['DisplayName', 'TaxTrackedOnSales', 'TaxTrackedOnPurchases', 'TaxAgencyConfig', 'TaxRegistrationNumber', 'LastFileDate']);
