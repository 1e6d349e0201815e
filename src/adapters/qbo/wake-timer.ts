/**
 * One pending wake-up that a newer one replaces, and that never keeps the process alive: what a waiting request
 * needs when the next look is due (a start's time, a retry after the database failed).
 */
export class WakeTimer {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly wake: () => void) {}

  in(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, delayMs);
    this.timer.unref();
  }
}
