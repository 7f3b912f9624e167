import { UAParser } from "ua-parser-js";

/** A person-readable device from a user agent: "Chrome 131 on Windows 10 (desktop)". */
export function describeDevice(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const { browser, os, device } = UAParser(userAgent);
  const name = [browser.name, browser.major].filter(Boolean).join(" ");
  const system = [os.name, os.version].filter(Boolean).join(" ");
  const parts = [
    name || "Unknown browser",
    system && `on ${system}`,
    `(${device.type ?? "desktop"})`,
  ];
  return parts.filter(Boolean).join(" ");
}
