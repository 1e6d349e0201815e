/**
 * Status parity: an inactive record on one side must be inactive on the other.
 * - `desiredQboActive(host)`: the QBO `Active` flag the host state asks for (the host owns it).
 * - `statusMismatches(pairs)`: matched pairs whose flags differ, and which side to fix. A record the host still
 *   uses but QBO has retired is flagged for the host (the bookkeeper retired it on purpose; left alone, the sync
 *   makes it active in QBO again); a record the host retired is flagged for QBO, which the sync deactivates.
 */
export const desiredQboActive = (host: { readonly isActive: boolean }): boolean => host.isActive;

export interface ActivePair {
  readonly hostId: string;
  readonly qboId: string;
  readonly name: string;
  readonly hostActive: boolean;
  readonly qboActive: boolean;
}

export interface StatusMismatch extends ActivePair {
  readonly fix: 'host' | 'qbo';
  readonly reason: string;
}

export const statusMismatch = (pair: ActivePair): StatusMismatch | null => {
  if (desiredQboActive({ isActive: pair.hostActive }) === pair.qboActive) return null;
  return pair.hostActive
    ? {
        ...pair,
        fix: 'host',
        reason: `"${pair.name}" is inactive in QuickBooks but active in the app: deactivate it in the app, or the sync will make it active in QuickBooks again.`,
      }
    : {
        ...pair,
        fix: 'qbo',
        reason: `"${pair.name}" is inactive in the app but active in QuickBooks: the sync will make it inactive in QuickBooks.`,
      };
};

export const statusMismatches = (pairs: readonly ActivePair[]): readonly StatusMismatch[] =>
  pairs.map(statusMismatch).filter((mismatch): mismatch is StatusMismatch => mismatch !== null);
