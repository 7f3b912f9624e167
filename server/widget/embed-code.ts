import type { FastifyRequest } from "fastify";
import type { Language } from "../../shared/languages.js";
import type { Config } from "../config.js";
import { escapeHtml } from "../html.js";

/** The snippet a company pastes into its pages: one script tag with the service's public key
 *  (and the widget's language, where a page fixes it instead of following the browser). */
export function embedCode(origin: string, serviceKey: string, language?: Language): string {
  const lang = language ? ` data-lang="${language}"` : "";
  return `<script src="${escapeHtml(origin)}/widget.js" data-service="${escapeHtml(serviceKey)}"${lang} async></script>`;
}

/** Where sites reach this server: PUBLIC_URL, else the address this request came to. */
export function publicBaseUrl(config: Config, request: FastifyRequest): string {
  return config.publicUrl ?? `${request.protocol}://${request.host}`;
}

/** This server's own origins, as a browser names them in an Origin header: the public one, and
 *  the one this request came to (a page of this server reached at another address). */
export function ownOrigins(config: Config, request: FastifyRequest): string[] {
  const direct = `${request.protocol}://${request.host}`;
  return config.publicUrl ? [new URL(config.publicUrl).origin, direct] : [direct];
}
