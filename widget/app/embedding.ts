/**
 * What the loader (widget/loader.ts) told the app through the iframe's URL, and the messages
 * exchanged with it. The embedding page is untrusted: it may only show or hide the widget, and
 * the app tells it nothing but "close me", an unread count and the page API's events (that a
 * chat started, a message came, the chat ended: never what was written).
 */
import type { ChatIdentity, CustomerContact } from "../../shared/api";
import { MAX_CUSTOMER_EMAIL_LENGTH, MAX_CUSTOMER_NAME_LENGTH } from "../../shared/limits";
import { looksLikeEmail } from "./fields";
import { type Language, widgetLanguage } from "./i18n";

const query = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.slice(1));

export const serviceKey = query.get("service") ?? "";
export const language: Language = widgetLanguage(query.get("lang"));
/** The logged-in user the site vouched for (the loader puts it in the fragment), if any. */
export const identity = identityOf(fragment);

/** The name and email the page knows (its prefill, or its logged-in user's), as far as they
 *  are what the server takes: a wrong one is left for the customer to fill. */
export const contact: CustomerContact = {
  name: fragment.get("name")?.trim().slice(0, MAX_CUSTOMER_NAME_LENGTH) || undefined,
  email: looksLikeEmail(fragment.get("email") ?? "")
    ? fragment.get("email")?.trim().slice(0, MAX_CUSTOMER_EMAIL_LENGTH)
    : undefined,
};

function identityOf(fragment: URLSearchParams): ChatIdentity | undefined {
  const userId = fragment.get("userId");
  const signature = fragment.get("signature");
  if (!userId || !signature) return undefined;
  return { userId, signature, ...contact };
}

/** Where the customer asks from (the embedding page's URL), as the server accepts it. */
export const channel = (query.get("channel") || document.referrer || location.href).slice(0, 2048);

// The browser's own word on who frames us, where it gives one (Chromium, Safari); else the page
// the loader named.
const parentOrigin = location.ancestorOrigins?.[0] ?? originOf(channel);
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

function tellParent(message: {
  type: string;
  count?: number;
  problem?: string;
  name?: PageEvent;
  detail?: object;
}): void {
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

/** The page API's events that the app sees first (docs/widget.md). */
export type PageEvent = "chatStarted" | "message" | "ended";

export function tellPage(name: PageEvent, detail: object): void {
  tellParent({ type: "madoguchi:event", name, detail });
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
