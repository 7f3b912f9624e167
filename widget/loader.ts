/**
 * The embed code's script: a chat launcher button, bottom-right (or left), and on the first click
 * an iframe with the widget app (widget/app/). It must stay tiny and load nothing else before
 * that click. Everything lives in a shadow root so the host page's CSS cannot reach it. The page
 * drives it through window.Madoguchi (docs/widget.md).
 */
import { launcherCatalogs, widgetLanguage } from "./app/i18n";

// document.currentScript is only set while this script first runs, so it is read before anything.
const script = (document.currentScript ??
  document.querySelector('script[src*="/widget.js"][data-service]')) as HTMLScriptElement | null;

const styles = `:host{all:initial!important}
button{position:fixed;right:20px;bottom:20px;z-index:2147483646;width:56px;height:56px;padding:0;border:0;border-radius:28px;background:#1f4e79;color:#fff;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.3);display:flex;align-items:center;justify-content:center;gap:8px;font:600 15px/1 system-ui,sans-serif}
button:hover{filter:brightness(.85)}
.text{width:auto;max-width:calc(100vw - 40px);padding:0 20px 0 16px}
span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
span:empty,.open span{display:none}
.open.text{width:56px;padding:0}
button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.x,.open .bubble{display:none}
.open .x{display:block}
.unread::after{content:"";position:absolute;top:2px;right:2px;width:12px;height:12px;border:2px solid #fff;border-radius:50%;background:#d0021b}
iframe{position:fixed;right:20px;bottom:88px;z-index:2147483647;width:370px;height:560px;max-width:calc(100vw - 40px);max-height:calc(100vh - 108px);border:0;border-radius:12px;background:#fff;box-shadow:0 8px 32px rgba(0,0,0,.3);color-scheme:light}
iframe[hidden]{display:none}
@media (max-width:480px){iframe{inset:0;width:100%;height:100%;max-width:none;max-height:none;border-radius:0}}`;

const icons =
  '<svg class="bubble" viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z"/></svg>' +
  '<svg class="x" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>';

/** What the site's owner reads in the page's console when the widget cannot work here. */
const problems: Record<string, (serviceKey: string) => string> = {
  "unknown-service": (key) =>
    `no service has the key "${key}" of this page's embed code. Copy the embed code again from the console.`,
  "identity-missing": (key) =>
    `the service "${key}" offers chat to logged-in users only, and this page names no user: add data-user-id and data-user-signature to the embed code for a logged-in user (docs/identity.md).`,
  "identity-invalid": (key) =>
    `data-user-signature is not the HMAC-SHA256 of data-user-id under the identity secret of the service "${key}": sign it on your server with the current secret (docs/identity.md).`,
};

/** What the page may change after the embed code ran (window.Madoguchi): the widget's
 *  language, the user the site vouches for, and the name and email it knows. */
interface Settings {
  lang?: string;
  userId?: string;
  signature?: string;
  name?: string;
  email?: string;
}

/** The events the page may listen to (docs/widget.md); the app names the last three. */
const pageEvents = ["opened", "closed", "chatStarted", "message", "ended"];

function mount(origin: string, serviceKey: string, data: DOMStringMap): void {
  const settings: Settings = {
    lang: data.lang,
    userId: data.userId,
    signature: data.userSignature,
    name: data.userName,
    email: data.userEmail,
  };
  const listeners = new Map<string, Set<(detail: unknown) => void>>();
  const emit = (name: string, detail?: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(detail);
  };
  const host = document.createElement("madoguchi-widget");
  const root = host.attachShadow({ mode: "open" });
  const side = data.position === "left" ? "left:" : "right:";
  // A constructed style sheet, not a <style>: a page whose CSP forbids inline styles allows it.
  // The colour goes into the sheet itself: a variable would inherit the page's.
  const color = data.color && CSS.supports("color", data.color) ? data.color : "";
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(styles.replaceAll("right:", side).replace("#1f4e79", color || "#1f4e79"));
  root.adoptedStyleSheets = [sheet];
  // Static markup only: nothing from the page or the server goes into innerHTML.
  root.innerHTML = `<button type="button">${icons}<span></span></button>`;
  const button = root.querySelector("button") as HTMLButtonElement;
  const caption = root.querySelector("span") as HTMLSpanElement;
  caption.textContent = data.launcherText ?? "";
  if (data.launcherText) button.classList.add("text");
  let language = widgetLanguage(settings.lang, document.documentElement.lang);
  let frame: HTMLIFrameElement | null = null;
  let open = false;
  let unread = false;

  const render = () => {
    const text = launcherCatalogs[language];
    const closedLabel = data.launcherText || text.open;
    const label = open ? text.close : unread ? `${closedLabel} (${text.unread})` : closedLabel;
    button.setAttribute("aria-label", label);
    button.setAttribute("aria-expanded", String(open));
    button.classList.toggle("open", open);
    button.classList.toggle("unread", unread && !open);
    if (frame) {
      frame.hidden = !open;
      frame.title = text.frameTitle;
    }
  };

  const createFrame = () => {
    const created = document.createElement("iframe");
    const query = new URLSearchParams({
      service: serviceKey,
      lang: language,
      channel: location.href,
    });
    if (color) query.set("color", color);
    // The user and the contact details go in the fragment, which no request carries to a server
    // or a Referer.
    const { lang, ...known } = settings;
    const present = Object.entries(known).filter((entry): entry is [string, string] => !!entry[1]);
    created.src = `${origin}/widget/?${query}#${new URLSearchParams(present)}`;
    root.append(created);
    return created;
  };

  // Open stays open on the site's next page (this tab only), as the customer left it.
  const openKey = `madoguchi.open.${serviceKey}`;
  const remember = (value: string) => {
    try {
      sessionStorage.setItem(openKey, value);
    } catch {}
  };

  const toggle = (next: boolean, focus = true) => {
    if (next === open) return;
    // A frame created now is still loading: the app starts shown and focuses itself.
    const loaded = frame?.contentWindow;
    open = next;
    if (open) {
      frame ??= createFrame();
      unread = false;
    }
    render();
    // The app uses these only to focus its first control and to count unread messages.
    loaded?.postMessage({ type: open ? "madoguchi:shown" : "madoguchi:hidden" }, origin);
    remember(open ? "1" : "");
    emit(open ? "opened" : "closed");
    if (!focus) return;
    if (open) frame?.focus();
    else button.focus();
  };

  /** A changed setting reaches the app by a new frame: the chat itself resumes in it. */
  const change = (changed: Settings) => {
    Object.assign(settings, changed);
    language = widgetLanguage(settings.lang, document.documentElement.lang);
    if (frame) {
      frame.remove();
      frame = open ? createFrame() : null;
    }
    render();
  };

  button.addEventListener("click", () => toggle(!open));
  addEventListener("message", (event) => {
    if (!frame || event.origin !== origin || event.source !== frame.contentWindow) return;
    const type = event.data?.type;
    if (type === "madoguchi:close" && open) toggle(false);
    const problem = type === "madoguchi:problem" && problems[event.data.problem];
    if (problem) console.error(`Madoguchi: ${problem(serviceKey)}`);
    if (type === "madoguchi:unread") {
      unread = !open && event.data.count > 0;
      render();
    }
    if (type === "madoguchi:event" && pageEvents.includes(event.data.name)) {
      emit(event.data.name, event.data.detail);
    }
  });
  render();
  try {
    if (sessionStorage.getItem(openKey)) toggle(true, false);
  } catch {}
  // A synchronous script in <head> runs before there is a body.
  if (document.body) document.body.append(host);
  else addEventListener("DOMContentLoaded", () => document.body.append(host));

  const api = {
    open: () => toggle(true),
    close: () => toggle(false),
    setLanguage: (lang: string) => change({ lang }),
    identify: (user: Required<Pick<Settings, "userId" | "signature">> & Settings) => change(user),
    prefill: ({ name, email }: Settings) => change({ name, email }),
    on(name: string, listener: (detail: unknown) => void) {
      if (!pageEvents.includes(name)) throw new Error(`Madoguchi: no event "${name}"`);
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set.add(listener));
      return () => set.delete(listener);
    },
  };
  Object.assign(window, { Madoguchi: api });
  dispatchEvent(new Event("madoguchi:ready"));
}

/**
 * Asks, once the page is idle, whether this page's origin may carry the service's chat (the
 * browser names the page in the request's Origin header, which the page cannot change), and shows
 * the launcher unless the server refuses: then the site's console says why. Any other failure is
 * the widget's to show, once opened.
 */
async function mayShow(origin: string, serviceKey: string): Promise<boolean> {
  const response = await fetch(`${origin}/api/widget/services/${encodeURIComponent(serviceKey)}`, {
    credentials: "omit",
  }).catch(() => null);
  if (response?.status !== 403) return true;
  const body = await response.json().catch(() => null);
  if (body?.error?.code !== "origin_not_allowed") return true;
  console.error(`Madoguchi: ${body.error.message}`);
  return false;
}

const serviceKey = script?.dataset.service;
if (script && serviceKey && !document.querySelector("madoguchi-widget")) {
  const origin = new URL(script.src).origin;
  const data = script.dataset;
  const show = () =>
    void mayShow(origin, serviceKey).then((allowed) => {
      if (allowed) mount(origin, serviceKey, data);
    });
  if ("requestIdleCallback" in window) requestIdleCallback(show, { timeout: 2000 });
  else setTimeout(show);
}
