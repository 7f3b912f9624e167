/**
 * How fast one connection may send frames: a token bucket. A connection may send FRAME_BURST
 * frames at once, then FRAMES_PER_SECOND on average. A console follows many chats (typing, read
 * positions and messages in each), and resends its unacknowledged messages all at once after a
 * reconnect: the numbers leave it ample room while one flooding connection cannot take the
 * process's time from the others.
 */
export const FRAME_BURST = 100;
export const FRAMES_PER_SECOND = 50;

/** An operator is authenticated staff, and one console may carry a whole team's overflow of
 *  chats (or an integration acting for it): ten times the room, still a bound. */
export const OPERATOR_FRAME_BURST = 1000;
export const OPERATOR_FRAMES_PER_SECOND = 500;

export class FrameBudget {
  private tokens: number;
  private refilledAt = performance.now();

  constructor(
    readonly burst = FRAME_BURST,
    readonly perSecond = FRAMES_PER_SECOND,
  ) {
    this.tokens = burst;
  }

  /** Spends one frame's token; false when the connection has none left. */
  take(now = performance.now()): boolean {
    const earned = ((now - this.refilledAt) / 1000) * this.perSecond;
    this.tokens = Math.min(this.burst, this.tokens + earned);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
