/**
 * Runs `save` one at a time however often it is asked for, without making the asker wait: a request while a save
 * runs makes one more save after it (with whatever is current by then), so lanes finishing units side by side cost
 * one or two writes, in order. `save` answers null to go on, or why to stop; after a stop (or an error, thrown by
 * `flush`) it is not run again.
 */
export class CoalescedSave<S> {
  private chain: Promise<void> = Promise.resolve();
  private queued = false;
  private stop: S | null = null;
  private failure: { readonly error: unknown } | null = null;

  constructor(private readonly save: () => Promise<S | null>) {}

  /** Why to stop, as the last finished save said (null: go on). */
  get stopped(): S | null {
    return this.stop;
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  request(): void {
    if (this.queued || this.stop !== null || this.failure !== null) return;
    this.queued = true;
    this.chain = this.chain.then(async () => {
      this.queued = false;
      if (this.stop !== null || this.failure !== null) return;
      try {
        this.stop = await this.save();
      } catch (error) {
        this.failure = { error };
      }
    });
  }

  /** Waits for the saves asked for so far; the last answer, or the error a save threw. */
  async flush(): Promise<S | null> {
    await this.chain;
    if (this.failure) throw this.failure.error;
    return this.stop;
  }
}
