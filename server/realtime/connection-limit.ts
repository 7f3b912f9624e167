/**
 * How many WebSockets one client address may hold at once, and open per minute. The frame budget
 * (frame-budget.ts) bounds one connection; this bounds how many connections, and so how many
 * fresh budgets, one address gets. It is checked at the upgrade, before the handshake and before
 * any per-connection state: a refused client costs a short HTTP 429 response.
 */

const WINDOW_MS = 60_000;

export class ConnectionLimit {
  /** Connections open now, per address; an address with none has no entry. */
  private readonly open = new Map<string, number>();
  /** Connections opened in the current window, per address; emptied when a window begins. */
  private readonly opened = new Map<string, number>();
  private windowStartedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly perAddress: number,
    readonly perMinute: number,
  ) {}

  /** Counts a new connection from the address, or says why it may not open one; a refused
   *  attempt is not counted, so a client that backs off gets in once a slot is free. */
  admit(address: string, now = performance.now()): string | null {
    if (now - this.windowStartedAt >= WINDOW_MS) {
      this.opened.clear();
      this.windowStartedAt = now;
    }
    const open = this.open.get(address) ?? 0;
    if (open >= this.perAddress) {
      return `${this.perAddress} connections from one address at once: close one, or retry later`;
    }
    const opened = this.opened.get(address) ?? 0;
    if (opened >= this.perMinute) {
      return `${this.perMinute} new connections from one address a minute: retry later`;
    }
    this.open.set(address, open + 1);
    this.opened.set(address, opened + 1);
    return null;
  }

  /** An admitted connection from the address is gone. */
  release(address: string): void {
    const open = (this.open.get(address) ?? 0) - 1;
    if (open > 0) this.open.set(address, open);
    else this.open.delete(address);
  }
}
