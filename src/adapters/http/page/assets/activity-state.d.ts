// Types of activity-state.js for the jest tests (the browser runs the .js as it is).
export interface ActivityState {
  readonly kind: string;
  readonly outcome: string;
  readonly search: string;
  readonly from: string;
  readonly to: string;
  readonly cursors: readonly (string | null)[];
  readonly page: number;
  readonly nextCursor: string | null;
}
export interface ActivityRow {
  readonly id: string;
  readonly when: string;
  readonly iso: string;
  readonly what: string;
  readonly record: string;
  readonly outcome: string;
  readonly failed: boolean;
  readonly message: string;
  readonly canRetry: boolean;
  readonly canDismiss: boolean;
  readonly qboUrl: string;
  readonly dismissed: string;
}
export declare const ACTIVITY_KINDS: readonly string[];
export declare const ACTIVITY_OUTCOMES: readonly string[];
export declare const PAGE_SIZE: number;
export declare const initialActivity: () => ActivityState;
export declare const withFilters: (state: ActivityState, kind: string, outcome: string, range?: { search?: string; from?: string; to?: string }) => ActivityState;
export declare const dayStart: (day: string, offsetDays?: number) => string;
export declare const rangeProblem: (from: string, to: string) => string;
export declare const withPageLoaded: (state: ActivityState, nextCursor: unknown) => ActivityState;
export declare const canGoOlder: (state: ActivityState) => boolean;
export declare const canGoNewer: (state: ActivityState) => boolean;
export declare const olderPage: (state: ActivityState) => ActivityState;
export declare const newerPage: (state: ActivityState) => ActivityState;
export declare const pagerFocusAfter: (state: ActivityState, pressed: 'older' | 'newer') => 'older' | 'newer' | 'pager';
export declare const activityQuery: (state: ActivityState) => string;
export declare const exportQuery: (state: ActivityState) => string;
export declare const activityRow: (entry: unknown, timeZone?: string, appUrl?: string) => ActivityRow;
export declare const qboRecordUrl: (appUrl: unknown, kind: unknown, qboId: unknown) => string;
export declare const formatWhen: (at: unknown, timeZone?: string) => string;
export declare const zoneWords: (at: number, timeZone?: string) => string;
