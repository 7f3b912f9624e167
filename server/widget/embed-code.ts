import { escapeHtml } from "../html.js";

/** The snippet a company pastes into its pages: one script tag with the service's public key. */
export function embedCode(origin: string, serviceKey: string): string {
  return `<script src="${escapeHtml(origin)}/widget.js" data-service="${escapeHtml(serviceKey)}" async></script>`;
}
