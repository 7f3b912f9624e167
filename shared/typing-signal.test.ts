import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { TYPING_PAUSE_MS, TypingSignal } from "./typing-signal.js";

let said: boolean[];
let signal: TypingSignal;

beforeEach(() => {
  vi.useFakeTimers();
  said = [];
  signal = new TypingSignal((typing) => said.push(typing));
});

afterEach(() => vi.useRealTimers());

it("says typing once for a whole burst of keys, and stopped after the pause", () => {
  for (const draft of ["W", "Wh", "Whe", "When"]) signal.draftChanged(draft);
  expect(said).toEqual([true]);
  vi.advanceTimersByTime(TYPING_PAUSE_MS - 1);
  signal.draftChanged("When?");
  vi.advanceTimersByTime(TYPING_PAUSE_MS - 1);
  expect(said).toEqual([true]);
  vi.advanceTimersByTime(1);
  expect(said).toEqual([true, false]);
});

it("says stopped at once when the draft is cleared, and nothing when it was not typing", () => {
  signal.draftChanged("   ");
  signal.stop();
  expect(said).toEqual([]);
  signal.draftChanged("Hm");
  signal.draftChanged("");
  expect(said).toEqual([true, false]);
  vi.runAllTimers();
  expect(said).toEqual([true, false]);
});
