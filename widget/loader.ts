/**
 * The embed code's script: a chat launcher button, bottom-right, and on the first click an iframe
 * with the widget app (widget/app/). It must stay tiny and load nothing else before that click.
 * Everything lives in a shadow root so the host page's CSS cannot reach it.
 */
import { launcherCatalogs, widgetLanguage } from "./app/i18n";

// document.currentScript is only set while this script first runs, so it is read before anything.
const script = (document.currentScript ??
  document.querySelector('script[src*="/widget.js"][data-service]')) as HTMLScriptElement | null;

const styles = `:host{all:initial}
button{position:fixed;right:20px;bottom:20px;z-index:2147483646;width:56px;height:56px;padding:0;border:0;border-radius:50%;background:#1f4e79;color:#fff;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.3);display:flex;align-items:center;justify-content:center}
button:hover{background:#173b5c}
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

/** The logged-in user the site vouches for, passed to the widget in the frame's fragment, which
 *  no request carries to a server or a Referer. */
function identityFragment(data: DOMStringMap): string {
  const { userId, userSignature, userName, userEmail } = data;
  if (!userId || !userSignature) return "";
  const fields = { user: userId, signature: userSignature, name: userName, email: userEmail };
  const present = Object.entries(fields).filter((entry): entry is [string, string] => !!entry[1]);
  return `#${new URLSearchParams(present)}`;
}

function mount(origin: string, serviceKey: string, data: DOMStringMap): void {
  const language = widgetLanguage(data.lang);
  const text = launcherCatalogs[language];
  const host = document.createElement("madoguchi-widget");
  const root = host.attachShadow({ mode: "open" });
  // Static markup only: nothing from the page or the server goes into innerHTML.
  root.innerHTML = `<style>${styles}</style><button type="button">${icons}</button>`;
  const button = root.querySelector("button") as HTMLButtonElement;
  let frame: HTMLIFrameElement | null = null;
  let open = false;
  let unread = false;

  const render = () => {
    const label = open ? text.close : unread ? `${text.open} (${text.unread})` : text.open;
    button.setAttribute("aria-label", label);
    button.setAttribute("aria-expanded", String(open));
    button.className = open ? "open" : unread ? "unread" : "";
    if (frame) frame.hidden = !open;
  };

  const createFrame = () => {
    const created = document.createElement("iframe");
    const query = `service=${encodeURIComponent(serviceKey)}&lang=${language}&channel=${encodeURIComponent(location.href)}`;
    created.src = `${origin}/widget/?${query}${identityFragment(data)}`;
    created.title = text.frameTitle;
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
    if (!focus) return;
    if (open) frame?.focus();
    else button.focus();
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
  });
  render();
  try {
    if (sessionStorage.getItem(openKey)) toggle(true, false);
  } catch {}
  // A synchronous script in <head> runs before there is a body.
  if (document.body) document.body.append(host);
  else addEventListener("DOMContentLoaded", () => document.body.append(host));
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
