/**
 * Personal-data masking (issue 13): what a mask looks like, which ranges of a message's text
 * may be masked, and where a customer's messages likely hold a card number, a phone number or
 * an email address. One implementation for the server (which checks a range) and the console
 * (which suggests ranges).
 */

/** One mask character per UTF-16 code unit of the masked text: the message keeps its length,
 *  so other ranges of it (the other suggestions) stay where they were, and a reader still sees
 *  that something of that size was there. */
export const MASK_CHAR = "•";

/** A range of a message's text in UTF-16 code units, as a browser's selection gives it:
 *  `start` included, `end` excluded. */
export interface TextRange {
  start: number;
  end: number;
}

/** Why a range cannot be masked: empty or past the text, cuts a character in two (a surrogate
 *  pair), or holds nothing but mask already. */
export type RangeFault = "empty" | "out_of_range" | "splits_character" | "already_masked";

export function rangeFault(body: string, range: TextRange): RangeFault | null {
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > body.length)
    return "out_of_range";
  if (end <= start) return "empty";
  if (isLowSurrogate(body.charCodeAt(start)) || isLowSurrogate(body.charCodeAt(end)))
    return "splits_character";
  if ([...body.slice(start, end)].every((character) => character === MASK_CHAR))
    return "already_masked";
  return null;
}

/** The body with the range replaced by mask characters (the range must be valid). */
export function maskText(body: string, range: TextRange): string {
  return (
    body.slice(0, range.start) + MASK_CHAR.repeat(range.end - range.start) + body.slice(range.end)
  );
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export type PersonalDataKind = "card" | "phone" | "email";

export interface PersonalDataMatch extends TextRange {
  kind: PersonalDataKind;
  text: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Digits with single spaces or dashes between them (full-width digits included). */
const DIGIT_RUN = /[+＋]?[0-9０-９](?:[ \-‐－]?[0-9０-９])+/g;

/**
 * Likely personal data in a text: email addresses; runs of 13–19 digits (spaces and dashes
 * allowed) that pass the Luhn check, as card numbers; other runs of 10–15 digits, as phone
 * numbers (Japanese 090-1234-5678 and 03-1234-5678, Korean 010-1234-5678, international +81…).
 * Ranges in UTF-16 code units, in order.
 */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const match of text.matchAll(EMAIL)) {
    found.push({
      kind: "email",
      start: match.index,
      end: match.index + match[0].length,
      text: match[0],
    });
  }
  for (const match of text.matchAll(DIGIT_RUN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (found.some((other) => other.start < end && start < other.end)) continue;
    const digits = [...match[0]].flatMap((character) => digitOf(character) ?? []);
    const kind =
      digits.length >= 13 && digits.length <= 19 && luhnValid(digits)
        ? "card"
        : digits.length >= 10 && digits.length <= 15
          ? "phone"
          : null;
    if (kind) found.push({ kind, start, end, text: match[0] });
  }
  return found.sort((a, b) => a.start - b.start);
}

function digitOf(character: string): number | null {
  const code = character.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  return null;
}

/** The Luhn checksum of card numbers: every second digit from the right doubled. */
export function luhnValid(digits: readonly number[]): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = digits[digits.length - 1 - index] ?? 0;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
