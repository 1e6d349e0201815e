// The clock moved to src/testing so hosts get it from `qbo-sync/testing`; the repo's own suites keep this path.
export { ContractClock, uniqueTenant } from '../../src/testing/contract-clock';
