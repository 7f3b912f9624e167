/** A ticket's subject from a chat's first customer message: its first line, shortened. */
import { MAX_TICKET_SUBJECT_LENGTH } from "../../shared/limits.js";

/** Long enough to tell tickets apart in a list, short enough to read at a glance. */
const SUBJECT_LENGTH = 80;

/**
 * The first non-blank line, its spaces collapsed; past 80 characters (code points, so a Japanese
 * sentence is cut between characters, never inside one) it is cut at the last space in the
 * second half when there is one, else at 80, and ends with "…".
 */
export function subjectFrom(message: string | null): string {
  const line = message
    ?.split(/\r?\n/u)
    .map((text) => text.replace(/\s+/gu, " ").trim())
    .find(Boolean);
  if (!line) return "";
  const characters = Array.from(line);
  if (characters.length <= SUBJECT_LENGTH) return line;
  const cut = characters.slice(0, SUBJECT_LENGTH).join("");
  const space = cut.lastIndexOf(" ");
  const kept = space > cut.length / 2 ? cut.slice(0, space) : cut;
  return `${kept.trimEnd()}…`.slice(0, MAX_TICKET_SUBJECT_LENGTH);
}
