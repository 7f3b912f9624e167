/**
 * A site's origin as a browser names it in the Origin header: http(s), host and port, nothing
 * after. Given in any spelling a URL parser takes ("HTTPS://Shop.Example:443/"), it is kept in
 * that one form ("https://shop.example"), so that comparing it with the header is a string match.
 * Zod-free, so that the console checks an entry the same way as the server before saving it.
 */
export type OriginProblem = "not_url" | "scheme" | "not_origin";

export function siteOriginOf(value: string): { origin: string } | { problem: OriginProblem } {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { problem: "not_url" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { problem: "scheme" };
  // The parser would take a path, query or user silently: only a bare trailing slash may follow.
  const bare = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+\/?$/i.test(value.trim());
  if (!bare || url.username || url.password) return { problem: "not_origin" };
  return { origin: url.origin };
}
