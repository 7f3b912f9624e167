import { UAParser } from "ua-parser-js";
import { type DeviceType, deviceTypes } from "../../shared/domain.js";

/** The device parts of a user agent, stored as they are; each client says them in words. */
export function deviceOf(userAgent: string | undefined) {
  if (!userAgent) return {};
  const { browser, os, device } = UAParser(userAgent);
  // ua-parser leaves the type unset for desktops; consoles, TVs and the like are "other".
  const type = (device.type ?? "desktop") as DeviceType;
  return {
    deviceBrowser: browser.name ?? null,
    deviceBrowserVersion: browser.major ?? null,
    deviceOs: os.name ?? null,
    deviceOsVersion: os.version ?? null,
    deviceType: deviceTypes.includes(type) ? type : "other",
  } as const;
}
