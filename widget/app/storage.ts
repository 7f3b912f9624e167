/**
 * The customer's chat and token per service, kept by the iframe's own origin (never by the
 * embedding page), so a reload or a closed and reopened widget resumes the same chat and a later
 * chat keeps the same customer.
 *
 * Browsers increasingly refuse localStorage to cross-site frames (Chromium does here), while they
 * still allow a partitioned cookie (CHIPS): it is kept per embedding site and only this origin can
 * read it. Where neither works, memory lasts as long as the page.
 *
 * Every tab of the site shares that store; a change is broadcast to the others (BroadcastChannel,
 * which browsers partition as they partition the store), so that every tab shows the same chat.
 */
export interface SavedCustomer {
  customerToken?: string;
  chatId?: string;
}

interface Store {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

const cookieAttributes = "; Path=/widget/; Secure; SameSite=None; Partitioned";
const oneYear = 365 * 86_400;

function localStore(): Store | null {
  try {
    localStorage.setItem("madoguchi.probe", "1");
    localStorage.removeItem("madoguchi.probe");
    return {
      get: (key) => localStorage.getItem(key),
      set: (key, value) => localStorage.setItem(key, value),
    };
  } catch {
    return null;
  }
}

function cookieStore(): Store | null {
  const set = (key: string, value: string, maxAge = oneYear) => {
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and Safari
    document.cookie = `${key}=${encodeURIComponent(value)}; Max-Age=${maxAge}${cookieAttributes}`;
  };
  const get = (key: string) => {
    const found = document.cookie.split("; ").find((cookie) => cookie.startsWith(`${key}=`));
    return found ? decodeURIComponent(found.slice(key.length + 1)) : null;
  };
  try {
    set("madoguchi.probe", "1");
    if (get("madoguchi.probe") !== "1") return null;
    set("madoguchi.probe", "", 0);
    return { get, set };
  } catch {
    return null;
  }
}

function memoryStore(): Store {
  const memory = new Map<string, string>();
  return { get: (key) => memory.get(key) ?? null, set: (key, value) => memory.set(key, value) };
}

const store = localStore() ?? cookieStore() ?? memoryStore();

const tabs = typeof BroadcastChannel === "function" ? new BroadcastChannel("madoguchi") : null;

/** What this tab last saved, or heard another tab save, per service. The message carries the
 *  value because the store may not show another tab's write yet when it arrives: Chromium's
 *  renderers cache cookies, and the change reaches them on its own path. */
const latest = new Map<string, SavedCustomer>();
tabs?.addEventListener("message", (event: MessageEvent<Change>) => {
  if (typeof event.data?.serviceKey === "string")
    latest.set(event.data.serviceKey, event.data.saved);
});

interface Change {
  serviceKey: string;
  saved: SavedCustomer;
}

/** Calls `listener` when another tab changed the service's saved chat. */
export function onChangeInOtherTab(serviceKey: string, listener: () => void): () => void {
  const hear = (event: MessageEvent<Change>) => {
    if (event.data?.serviceKey === serviceKey) listener();
  };
  tabs?.addEventListener("message", hear);
  return () => tabs?.removeEventListener("message", hear);
}

function save(serviceKey: string, saved: SavedCustomer): void {
  latest.set(serviceKey, saved);
  store.set(storageKey(serviceKey), JSON.stringify(saved));
  tabs?.postMessage({ serviceKey, saved } satisfies Change);
}

function storageKey(serviceKey: string): string {
  return `madoguchi.${encodeURIComponent(serviceKey)}`;
}

export function loadCustomer(serviceKey: string): SavedCustomer {
  const known = latest.get(serviceKey);
  if (known) return known;
  try {
    return JSON.parse(store.get(storageKey(serviceKey)) ?? "{}") as SavedCustomer;
  } catch {
    return {};
  }
}

export function saveChat(serviceKey: string, chatId: string, customerToken: string): void {
  save(serviceKey, { chatId, customerToken });
}

/** The chat is over or gone; the customer keeps their identity for the next one. */
export function forgetChat(serviceKey: string): void {
  const { customerToken } = loadCustomer(serviceKey);
  save(serviceKey, { customerToken });
}

/** The server no longer accepts the token: start over as a new customer. */
export function forgetCustomer(serviceKey: string): void {
  save(serviceKey, {});
}
