import { expect, it } from "vitest";
import { formatsFor } from "./formats.js";

it("writes dates and numbers in the language it is given, whatever the machine's", () => {
  const at = "2026-11-25T14:05:00Z";
  expect(formatsFor("ja").dateTime(at)).toMatch(/^2026\/11\/2[56]/);
  expect(formatsFor("en").dateTime(at)).toMatch(/^Nov 2[56], 2026/);
  expect(formatsFor("ko").dateTime(at)).toMatch(/^2026\. 11\. 2[56]\./);
  expect(formatsFor("en").number(12345)).toBe("12,345");
  expect(formatsFor("ja")).toBe(formatsFor("ja"));
});
