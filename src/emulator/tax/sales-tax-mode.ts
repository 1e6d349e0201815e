/** How a company charges sales tax: automated (US AST), manual tax codes and rates, or not at all. */
export type SalesTaxMode = 'automated' | 'manual' | 'off';
export const SALES_TAX_MODES: readonly SalesTaxMode[] = ['automated', 'manual', 'off'];
