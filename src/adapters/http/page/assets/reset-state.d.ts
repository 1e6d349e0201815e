// Types of reset-state.js for the jest tests (the browser runs the .js as it is).
export interface ResetLinksView {
  readonly banner: string | null;
  readonly reconnectLabel: string;
  readonly showReset: boolean;
  readonly disconnectFirst: boolean;
}
export declare const resetLinksView: (connection: unknown, status: unknown, wrongCompany: boolean) => ResetLinksView;
export declare const cameFromWrongCompany: (search: string) => boolean;
export declare const resetNotice: (result: unknown) => string;
