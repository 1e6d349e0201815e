export declare const changeText: (change: unknown, currency?: string) => string;
export declare const previewRow: (row: unknown, currency?: string) => { kind: string; name: string; action: string; changes: string; notes: string };
export declare const summaryLines: (counts: unknown) => string[];
export declare const reviewRow: (item: unknown) => { key: string; title: string; explanation: string; fix: string };
export declare const reviewComplete: (items: readonly unknown[], accepted: ReadonlySet<string>) => boolean;
export declare const confirmationFromSummary: (summary: unknown) => string[];
