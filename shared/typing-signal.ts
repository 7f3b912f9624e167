/** How long after the last keystroke the other side stops seeing "typing". */
export const TYPING_PAUSE_MS = 4000;

/**
 * Tells the other side of a chat that this one is typing: once when a draft starts, once when it
 * stops (sent, cleared, or untouched for TYPING_PAUSE_MS), however many keys come between, so a
 * fast typist sends two frames and not one a keystroke.
 */
export class TypingSignal {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly say: (typing: boolean) => void) {}

  /** The draft changed: typing while it has text; a cleared draft stops at once. */
  draftChanged(draft: string): void {
    if (draft.trim() === "") {
      this.stop();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    else this.say(true);
    this.timer = setTimeout(() => this.stop(), TYPING_PAUSE_MS);
  }

  stop(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.say(false);
  }
}
