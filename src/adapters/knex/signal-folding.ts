/**
 * One store's folding of the hosts' signals into the ready-companies index (ADR 0089). A pass that finds signals
 * piling up starts a fold beside it and reads them in place meanwhile, so the fold's commit (an `fsync`) is never
 * part of finding work; only a pile the in-place read cannot cover is folded before the pass answers.
 */
export class SignalFolding {
  private underWay: Promise<void> | null = null;

  constructor(private readonly fold: () => Promise<number>) {}

  /**
   * Starts a fold unless one is under way. Its failure is dropped here on purpose: the signals stay, every pass still
   * reads them in place, and if they keep piling up the pass that must fold before answering meets the error itself.
   */
  startBeside(): void {
    if (this.underWay !== null) return;
    this.underWay = this.fold().then(
      () => undefined,
      () => undefined,
    );
    void this.underWay.finally(() => {
      this.underWay = null;
    });
  }

  /** Folds before the caller goes on, after the fold under way (which holds the oldest signals) has ended. */
  async foldNow(): Promise<void> {
    await this.settled();
    await this.fold();
  }

  /** Resolves once no fold started by `startBeside` is under way (for shutdown and tests). */
  async settled(): Promise<void> {
    while (this.underWay !== null) await this.underWay;
  }
}
