/**
 * `qbo-sync/testing`: the HostDirectory and HostWriter contract suite a host runs on its own adapter, in its own Jest
 * (the suite this package's adapters pass), with what it needs to play the host: the seed shapes and a clock.
 * Never loaded by the plugin's entry.
 */
export { describeHostDirectoryContract, type HostContractOptions, type HostFixture } from './host-directory.contract';
export { invoiceTax, type CustomerSeed, type HostSeed, type InvoiceLineSeed, type InvoiceSeed, type ItemSeed, type PaymentSeed, type PayoutSeed, type RefundSeed, type TaxRateSeed } from './host-seed';
export { ContractClock, uniqueTenant } from './contract-clock';
export { InMemoryHostSeed } from './in-memory-host.seed';
export { InMemoryHostDirectory } from '../adapters/memory/in-memory-host.directory';
export { InMemoryHostWriter } from '../adapters/memory/in-memory-host.writer';
export { describeQboBudgetStoreContract, type QboBudgetStoreFixture } from './qbo-budget-store.contract';
export { InMemoryQboBudgetStore } from '../adapters/memory/in-memory-qbo-budget.store';
