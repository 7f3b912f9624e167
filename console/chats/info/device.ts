import type { TFunction } from "i18next";
import type { Device } from "../../../shared/chat";

/** The device in the reader's words: "Chrome 131 · Windows 10 · desktop". */
export function describeDevice(device: Device | null, t: TFunction): string | null {
  if (!device) return null;
  const join = (name: string | null, version: string | null) =>
    name && [name, version].filter(Boolean).join(" ");
  return t("device.description", {
    browser: join(device.browser, device.browserVersion) || t("device.unknownBrowser"),
    os: join(device.os, device.osVersion) || t("device.unknownOs"),
    type: t(`device.${device.type}`),
  });
}
