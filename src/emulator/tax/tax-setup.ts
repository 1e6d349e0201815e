import type { Body } from '../emulated-entity';
import type { RealmStore } from '../realm-store';
import type { SalesTaxMode } from './sales-tax-mode';


interface AgencySetup {
  readonly name: string;
  readonly rates: ReadonlyArray<{ readonly name: string; readonly value: number }>;
}
interface CodeSetup {
  readonly name: string;
  /** Names of the rates the code groups. */
  readonly rates: readonly string[];
}

/**
 * Manual companies get the tax setup of Intuit's sample company (TaxAgency, TaxRate and TaxCode samples: Arizona Dept.
 * of Revenue with AZ State tax 7.1 and Tucson City 2, grouped as "Tucson"; Board of Equalization with California 8).
 * Automated companies get what AST sets up: one system-generated agency, its rate and code.
 */
const SETUP: Readonly<Record<Exclude<SalesTaxMode, 'off'>, { agencies: AgencySetup[]; codes: CodeSetup[]; system: boolean }>> = {
  manual: {
    agencies: [
      { name: 'Arizona Dept. of Revenue', rates: [{ name: 'AZ State tax', value: 7.1 }, { name: 'Tucson City', value: 2 }] },
      { name: 'Board of Equalization', rates: [{ name: 'California', value: 8 }] },
    ],
    codes: [{ name: 'California', rates: ['California'] }, { name: 'Tucson', rates: ['AZ State tax', 'Tucson City'] }],
    system: false,
  },
  automated: {
    agencies: [{ name: 'California Department of Tax and Fee Administration', rates: [{ name: 'California', value: 7.25 }] }],
    codes: [{ name: 'California', rates: ['California'] }],
    system: true,
  },
};

/** The pseudo codes every US company has (Intuit, TaxCode: "false—this object represents pseudo-tax codes TAX and NON"). */
function insertPseudoCodes(store: RealmStore, now: number): void {
  for (const [id, taxable] of [['TAX', true], ['NON', false]] as const) {
    store.insert('TaxCode', { Name: id, Description: id, Taxable: taxable, TaxGroup: false }, now, id);
  }
}

/**
 * Builds the company's sales tax: agencies with a liability account each ("<agency> Payable", Other Current Liability
 * / SalesTaxPayable, where the tax charged on sales is owed), rates and codes; returns the TaxPrefs of its Preferences.
 */
export function setUpSalesTax(store: RealmStore, mode: SalesTaxMode, now: number, addAccount: (account: Body) => string): Body {
  insertPseudoCodes(store, now);
  if (mode !== 'off') return turnOnSalesTax(store, mode, now, addAccount);
  store.salesTax = 'off';
  return { UsingSalesTax: false };
}

/**
 * A person turning sales tax on in a company that had it off (Taxes → Set up sales tax): its agencies, rates and codes
 * as `setUpSalesTax` builds them; returns the new TaxPrefs. The pseudo codes TAX and NON are already there.
 */
export function turnOnSalesTax(store: RealmStore, mode: Exclude<SalesTaxMode, 'off'>, now: number, addAccount: (account: Body) => string): Body {
  store.salesTax = mode;
  const setup = SETUP[mode];
  const rateIds = new Map<string, string>();
  for (const agency of setup.agencies) {
    const agencyRecord = store.insert('TaxAgency', { DisplayName: agency.name, TaxTrackedOnSales: true, TaxTrackedOnPurchases: false, ...(setup.system ? { TaxAgencyConfig: 'SYSTEM_GENERATED' } : {}) }, now);
    store.taxLiabilities.set(agencyRecord.id, addAccount({ Name: `${agency.name} Payable`, AccountType: 'Other Current Liability', AccountSubType: 'SalesTaxPayable' }));
    for (const rate of agency.rates) {
      const rateRecord = store.insert('TaxRate', { Name: rate.name, Description: 'Sales Tax', Active: true, RateValue: rate.value, AgencyRef: { value: agencyRecord.id }, SpecialTaxType: 'NONE', DisplayType: 'ReadOnly' }, now);
      rateIds.set(rate.name, rateRecord.id);
    }
  }
  let defaultCode: string | undefined;
  for (const code of setup.codes) {
    const details = code.rates.map((name) => ({ TaxRateRef: { value: rateIds.get(name) as string, name }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: 0 }));
    const record = store.insert('TaxCode', { Name: code.name, Description: code.name, Active: true, Taxable: true, TaxGroup: true, SalesTaxRateList: { TaxRateDetail: details }, PurchaseTaxRateList: { TaxRateDetail: [] }, ...(setup.system ? { TaxCodeConfigType: 'SYSTEM_GENERATED' } : {}) }, now);
    defaultCode ??= record.id;
  }
  store.defaultTaxCodeId = defaultCode;
  // Intuit: PartnerTaxEnabled is present (true) for AST companies and absent otherwise.
  return { UsingSalesTax: true, ...(mode === 'automated' ? { PartnerTaxEnabled: true } : {}), TaxGroupCodeRef: { value: defaultCode } };
}
