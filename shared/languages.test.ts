import { expect, it } from "vitest";
import { pickLanguage } from "./languages.js";

it("takes the first candidate it speaks, by base language, else English", () => {
  expect(pickLanguage(["fr-FR", "ko-KR", "ja"])).toBe("ko");
  expect(pickLanguage([null, undefined, "JA-jp"])).toBe("ja");
  expect(pickLanguage(["de", "zh-CN"])).toBe("en");
  expect(pickLanguage([])).toBe("en");
});
