/**
 * What the loader (widget/loader.ts) told the app through the iframe's URL, and the messages
 * exchanged with it. The embedding page is untrusted: it may only show or hide the widget, and
 * the app tells it nothing but "close me" and an unread count.
 */
import { type Language, widgetLanguage } from "./i18n";

const query = new URLSearchParams(location.search);

export const serviceKey = query.get("service") ?? "";
export const language: Language = widgetLanguage(query.get("lang"));
/** Where the customer asks from (the embedding page's URL), as the server accepts it. */
export const channel = (query.get("channel") || document.referrer || location.href).slice(0, 2048);

const parentOrigin = originOf(channel);
const embedded = window.parent !== window;
let shown = true;
let unread = 0;
const shownListeners = new Set<() => void>();

function originOf(url: string): string {
  try {
    const origin = new URL(url).origin;
    // Pages from file: or data: URLs have an opaque origin that postMessage cannot target.
    return origin === "null" ? "*" : origin;
  } catch {
    return "*";
  }
}

function tellParent(message: { type: string; count?: number }): void {
  if (embedded) window.parent.postMessage(message, parentOrigin);
}

/** The embed code's key names no service: the loader tells the site's owner in their console. */
export function reportUnknownService(): void {
  tellParent({ type: "madoguchi:unknown-service" });
}

export function askToClose(): void {
  tellParent({ type: "madoguchi:close" });
}

/** A message for the customer arrived; while the widget is hidden the launcher shows a badge. */
export function noteIncomingMessage(): void {
  if (shown) return;
  unread += 1;
  tellParent({ type: "madoguchi:unread", count: unread });
}

/** Whether the customer can see the chat now (the launcher has it open). */
export function isShown(): boolean {
  return shown && document.visibilityState === "visible";
}

export function onShown(listener: () => void): () => void {
  shownListeners.add(listener);
  return () => shownListeners.delete(listener);
}

addEventListener("message", (event) => {
  if (!embedded || event.source !== window.parent) return;
  if (parentOrigin !== "*" && event.origin !== parentOrigin) return;
  if (event.data?.type === "madoguchi:hidden") shown = false;
  if (event.data?.type === "madoguchi:shown") {
    shown = true;
    unread = 0;
    for (const listener of shownListeners) listener();
  }
});
