/**
 * Which pages may carry a service's widget (docs/decisions.md, "Allowed origins"). A non-empty
 * list of allowed origins is enforced by what the browser itself says about the page, never by
 * what the page or the loader claims:
 * - the loader's first call comes from the page, so the browser's Origin header names the page;
 * - the widget app's document is served with CSP `frame-ancestors` naming the allowed origins,
 *   so a page that frames it without the loader gets an empty frame;
 * - and only as a frame: a page that opens it as a window of its own is refused (Sec-Fetch-Dest).
 * Madoguchi's own pages (the console's preview, the help center) may always carry it.
 */
import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import type { ServiceRow } from "../services/services.js";

export function mayEmbed(service: ServiceRow, origin: string, ownOrigins: string[]): boolean {
  const allowed = service.allowedOrigins;
  return allowed.length === 0 || ownOrigins.includes(origin) || allowed.includes(origin);
}

/** Refuses a request a page on an origin not allowed sent (a browser names it in Origin; the
 *  widget's own requests name Madoguchi or, for a same-origin GET, nothing). */
export function checkEmbeddingOrigin(
  service: ServiceRow,
  request: FastifyRequest,
  ownOrigins: string[],
): void {
  const origin = request.headers.origin;
  if (origin === undefined || mayEmbed(service, origin, ownOrigins)) return;
  throw new AppError(
    "origin_not_allowed",
    403,
    `pages on ${origin} may not carry this service's chat: add ${origin} to the service's ` +
      "allowed origins in the console (Administration → Embed code), or remove the embed code",
  );
}

/** The CSP source list of the pages that may frame the widget app. */
export function frameAncestors(service: ServiceRow | null): string {
  if (!service || service.allowedOrigins.length === 0) return "*";
  return ["'self'", ...service.allowedOrigins].join(" ");
}

/** A browser opening the widget app not as a frame, on a service that restricts its embedding:
 *  a hostile page could otherwise open it in a window of its own, where frame-ancestors does not
 *  apply. Browsers that do not send Sec-Fetch-Dest are still held by frame-ancestors. */
export function openedOutsideFrame(service: ServiceRow | null, request: FastifyRequest): boolean {
  const destination = request.headers["sec-fetch-dest"];
  return (
    Boolean(service?.allowedOrigins.length) &&
    destination !== undefined &&
    destination !== "iframe" &&
    destination !== "frame"
  );
}
