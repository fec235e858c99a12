/**
 * At most `inFlight` tasks run at once; up to `maxWaiting` more wait their turn in order, and a task
 * beyond those is refused at once (the promise rejects with `refusal()`, or the caller's own refusal,
 * and the task never runs).
 */
export class HashQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private mostWaitingSeen = 0;

  constructor(
    readonly inFlight: number,
    readonly maxWaiting: number,
    private readonly refusal: () => Error,
  ) {}

  get runningNow(): number {
    return this.running;
  }

  get waitingNow(): number {
    return this.waiting.length;
  }

  /** The longest the queue has been since start: never above `maxWaiting`. */
  get mostWaiting(): number {
    return this.mostWaitingSeen;
  }

  /** `refusal` words a refusal for this caller (an LRS secret is not a password). */
  async run<T>(task: () => Promise<T>, refusal: () => Error = this.refusal): Promise<T> {
    await this.turn(refusal);
    try {
      return await task();
    } finally {
      this.handOn();
    }
  }

  private turn(refusal: () => Error): Promise<void> {
    if (this.running < this.inFlight) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(refusal());
    const turn = new Promise<void>((resolve) => this.waiting.push(resolve));
    this.mostWaitingSeen = Math.max(this.mostWaitingSeen, this.waiting.length);
    return turn;
  }

  /** The finished task's place passes straight to the first waiting, if any. */
  private handOn(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
