// Types of page-state.js for the jest tests (the browser runs the .js as it is).
export interface ConnectionView {
  readonly status: 'disconnected' | 'connected' | 'needs_reconnect' | 'pending_verification';
  readonly connected: boolean;
  readonly showConnect: boolean;
  readonly showDisconnect: boolean;
  readonly banner: string | null;
  readonly summary: string;
  readonly realm: string | null;
}
export interface MatchCounts {
  readonly matched: number;
  readonly hostOnly: number;
  readonly qboOnly: number;
  readonly nearMatches: number;
  readonly statusMismatches: number;
  readonly duplicates: number;
  readonly failed: number;
  readonly toReview: number;
}
export interface FailedRow {
  readonly name: string;
  readonly reason: string;
  readonly activityId: string;
  readonly canRetry: boolean;
}
export interface Option {
  readonly id: string;
  readonly label: string;
}
export interface AccountsView {
  readonly income: readonly Option[];
  readonly deposit: readonly Option[];
  readonly incomeId: string;
  readonly depositId: string;
  readonly complete: boolean;
  readonly taxCodes: readonly Option[];
  readonly taxCodeId: string;
  readonly payout: readonly Option[];
  readonly payoutId: string;
  readonly payoutFee: readonly Option[];
  readonly payoutFeeId: string;
}
export interface ProgressView {
  readonly visible: boolean;
  readonly running: boolean;
  readonly value: number;
  readonly max: number;
  readonly label: string;
}
export declare const connectionView: (connection: unknown) => ConnectionView;
export declare const nameOf: (record: unknown) => string;
export declare const qboIdOf: (record: unknown) => string;
export declare const matchCounts: (match: unknown) => MatchCounts;
export declare const matchTabLabel: (title: string, counts: MatchCounts) => string;
export declare const failedRow: (record: unknown) => FailedRow;
export declare const nearMatchRow: (pair: unknown) => { hostName: string; qboName: string; reason: string };
export declare const statusMismatchRow: (pair: unknown) => { name: string; host: string; qbo: string; fix: string };
export declare const duplicateRow: (group: unknown) => { names: string; explanation: string };
export declare const toggleSelection: (selection: readonly string[], id: string, checked: boolean) => string[];
export declare const importBody: (selection: readonly string[], all: boolean) => { qboIds?: string[] };
export declare const accountsView: (accounts: unknown, settings: unknown) => AccountsView;
export declare const optionalChoices: (taxCodeId: string, payoutId: string, payoutFeeId: string) => { taxCodeId: string | null; payoutAccountId: string | null; payoutFeeAccountId: string | null };
export declare const enableSteps: (preflight: unknown) => Array<'duplicates' | 'credits' | 'confirm'>;
export declare const hasWarnings: (preflight: unknown) => boolean;
export declare const creditRow: (credit: unknown, currency?: string) => { name: string; amount: string };
export declare const formatCents: (cents: number, currency?: string) => string;
export declare const confirmationLines: (customers: unknown, items: unknown) => string[];
export declare const progressView: (status: unknown) => ProgressView;
export declare const outboxLine: (status: unknown) => string;
export declare const describeAge: (ms: number) => string;
export declare const errorMessage: (status: number, body: unknown) => string;
