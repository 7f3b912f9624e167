/**
 * What the loader (widget/loader.ts) told the app through the iframe's URL, and the messages
 * exchanged with it. The embedding page is untrusted: it may only show or hide the widget, and
 * the app tells it nothing but "close me" and an unread count.
 */
import type { ChatIdentity } from "../../shared/api";
import { type Language, widgetLanguage } from "./i18n";

const query = new URLSearchParams(location.search);

export const serviceKey = query.get("service") ?? "";
export const language: Language = widgetLanguage(query.get("lang"));
/** The logged-in user the site vouched for (the loader puts it in the fragment), if any. */
export const identity = identityOf(new URLSearchParams(location.hash.slice(1)));

function identityOf(fragment: URLSearchParams): ChatIdentity | undefined {
  const userId = fragment.get("user");
  const signature = fragment.get("signature");
  if (!userId || !signature) return undefined;
  const name = fragment.get("name") ?? undefined;
  const email = fragment.get("email") ?? undefined;
  return { userId, signature, name, email };
}

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

function tellParent(message: { type: string; count?: number; problem?: string }): void {
  if (embedded) window.parent.postMessage(message, parentOrigin);
}

/** Why the widget cannot work on this page, for the loader to tell the site's owner in the
 *  page's console: the embed code's key names no service, or the site did not (or wrongly)
 *  vouch for its user on a login-only service. */
export function reportProblem(
  problem: "unknown-service" | "identity-missing" | "identity-invalid",
) {
  tellParent({ type: "madoguchi:problem", problem });
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
