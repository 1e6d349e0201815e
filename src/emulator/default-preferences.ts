import type { Body } from './emulated-entity';

/**
 * The Preferences of a new emulated company, in the shape of Intuit's Preferences sample. Two choices differ from a
 * fresh QBO company and are stated here: AutoApplyCredit is off (QBO would otherwise spend open credits on new invoices
 * by itself, which the emulator does not model), and CustomTxnNumbers is off (QBO numbers transactions).
 */
export function defaultPreferences(companyName: string, taxPrefs: Body, homeCurrency = 'USD'): Body {
  const message = (kind: string, text: string): Body => ({ Subject: `${kind} from ${companyName}`, Message: `${text}\n\nSincerely,\n${companyName}` });
  return {
    EmailMessagesPrefs: {
      InvoiceMessage: message('Invoice', 'Your invoice is attached.  Please remit payment at your earliest convenience.\nThank you for your business - we appreciate it very much.'),
      EstimateMessage: message('Estimate', 'Please review the estimate below.  Feel free to contact us if you have any questions.\nWe look forward to working with you.'),
      SalesReceiptMessage: message('Sales Receipt', 'Your sales receipt is attached.\nThank you for your business - we appreciate it very much.'),
      StatementMessage: message('Statement', 'Your statement is attached.  Please remit payment at your earliest convenience.\nThank you for your business - we appreciate it very much.'),
    },
    ProductAndServicesPrefs: { QuantityWithPriceAndRate: true, ForPurchase: true, QuantityOnHand: true, ForSales: true },
    ReportPrefs: { ReportBasis: 'Accrual', CalcAgingReportFromTxnDate: false },
    AccountingInfoPrefs: {
      FirstMonthOfFiscalYear: 'January', UseAccountNumbers: false, TaxYearMonth: 'January', ClassTrackingPerTxn: false, TrackDepartments: false,
      TaxForm: '6', CustomerTerminology: 'Customers', DepartmentTerminology: 'Location', ClassTrackingPerTxnLine: false,
    },
    SalesFormsPrefs: {
      ETransactionPaymentEnabled: false, CustomTxnNumbers: false, AllowShipping: false, AllowServiceDate: false, ETransactionEnabledStatus: 'NotApplicable',
      DefaultCustomerMessage: 'Thank you for your business and have a great day!', EmailCopyToCompany: false, AllowEstimates: true, AllowDiscount: true,
      AllowDeposit: true, DefaultTerms: { value: '3' }, AutoApplyPayments: true, IPNSupportEnabled: false, AutoApplyCredit: false, CustomField: [], UsingPriceLevels: false, ETransactionAttachPDF: false,
    },
    VendorAndPurchasesPrefs: { BillableExpenseTracking: true, TrackingByCustomer: true, POCustomField: [] },
    TaxPrefs: taxPrefs,
    OtherPrefs: {
      NameValue: [
        { Name: 'SalesFormsPrefs.DefaultCustomerMessage', Value: 'Thank you for your business and have a great day!' },
        { Name: 'DateFormat', Value: 'Month Date Year separated by a slash' },
        { Name: 'DateFormatMnemonic', Value: 'MMDDYYYY_SEP_SLASH' },
        { Name: 'NumberFormat', Value: 'US Number Format' },
        { Name: 'NumberFormatMnemonic', Value: 'US_NB' },
      ],
    },
    TimeTrackingPrefs: { WorkWeekStartDate: 'Monday', MarkTimeEntriesBillable: true, ShowBillRateToAll: false, UseServices: true, BillCustomers: true },
    CurrencyPrefs: { HomeCurrency: { value: homeCurrency }, MultiCurrencyEnabled: false },
  };
}
