/**
 * Keeps at most `limit` sends of one courier in flight: past that, wait until one settles. The Java
 * producer does the same when its buffer is full (`buffer.memory`, `max.block.ms`); without it, 100,000
 * sends queue up in the client and time out before the brokers even see them.
 */
export class InFlightWindow {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly limit = 50) {}

  /**
   * Tracks a send; resolves at once while there is room, else when one in flight settles. Only its
   * settling counts here: handle its outcome (then/catch) before you add it.
   */
  async add(send: Promise<unknown>): Promise<void> {
    const settled: Promise<void> = send.then(ignore, ignore).finally(() => this.pending.delete(settled));
    this.pending.add(settled);
    if (this.pending.size >= this.limit) await Promise.race(this.pending);
  }

  /** Resolves when every tracked send has settled. */
  async drain(): Promise<void> {
    await Promise.all(this.pending);
  }
}

function ignore(): void {}
