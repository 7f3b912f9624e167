import { describe, expect, it } from "vitest";
import { findPersonalData, luhnValid, MASK_CHAR, maskText, rangeFault } from "./masking.js";

const kinds = (text: string) => findPersonalData(text).map((match) => [match.kind, match.text]);

describe("findPersonalData", () => {
  it("finds Luhn-valid card numbers with spaces or dashes, and not invalid ones", () => {
    expect(kinds("カード番号は4242 4242 4242 4242です")).toEqual([["card", "4242 4242 4242 4242"]]);
    expect(kinds("card 5555-5555-5555-4444 thanks")).toEqual([["card", "5555-5555-5555-4444"]]);
    expect(kinds("378282246310005")).toEqual([["card", "378282246310005"]]);
    // One digit off: no card; 16 digits is no phone number either.
    expect(kinds("4242 4242 4242 4241")).toEqual([]);
    expect(luhnValid([4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2])).toBe(true);
    expect(luhnValid([4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 1])).toBe(false);
  });

  it("finds phone numbers of Japan, Korea and abroad, not short numbers", () => {
    expect(kinds("090-1234-5678に電話を")).toEqual([["phone", "090-1234-5678"]]);
    expect(kinds("03-1234-5678")).toEqual([["phone", "03-1234-5678"]]);
    expect(kinds("010-1234-5678로")).toEqual([["phone", "010-1234-5678"]]);
    expect(kinds("call +81 90 1234 5678")).toEqual([["phone", "+81 90 1234 5678"]]);
    expect(kinds("０９０１２３４５６７８")).toEqual([["phone", "０９０１２３４５６７８"]]);
    expect(kinds("order 12345, 2026-12-01")).toEqual([]);
  });

  it("finds email addresses, with their ranges in UTF-16 code units", () => {
    const text = "😀 mail: taro.yamada+x@example.co.jp";
    const [match] = findPersonalData(text);
    expect(match).toMatchObject({ kind: "email", text: "taro.yamada+x@example.co.jp" });
    expect(text.slice(match?.start, match?.end)).toBe("taro.yamada+x@example.co.jp");
    expect(kinds("no address @ here")).toEqual([]);
  });
});

describe("masking a range", () => {
  it("replaces each code unit with the mask and keeps the length", () => {
    expect(maskText("tel 0901234", { start: 4, end: 11 })).toBe(`tel ${MASK_CHAR.repeat(7)}`);
  });

  it("refuses empty, outside, character-splitting and already masked ranges", () => {
    expect(rangeFault("abc", { start: 1, end: 1 })).toBe("empty");
    expect(rangeFault("abc", { start: 2, end: 4 })).toBe("out_of_range");
    expect(rangeFault("abc", { start: -1, end: 2 })).toBe("out_of_range");
    expect(rangeFault("a😀b", { start: 0, end: 2 })).toBe("splits_character");
    expect(rangeFault(`a${MASK_CHAR}${MASK_CHAR}`, { start: 1, end: 3 })).toBe("already_masked");
    expect(rangeFault("a😀b", { start: 1, end: 3 })).toBeNull();
  });
});
