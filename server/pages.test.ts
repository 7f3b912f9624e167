import { afterAll, beforeAll, expect, it } from "vitest";
import { acceptedLanguages, errorPage } from "./pages.js";
import { startTestServer, type TestServer } from "./test/harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const browser = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };

it("sends /console and /demo typed without the slash to their pages", async () => {
  for (const [asked, page] of [
    ["/console", "/console/"],
    ["/demo", "/demo/"],
    ["/console?from=mail", "/console/?from=mail"],
  ]) {
    const response = await fetch(`${server.url}${asked}`, { redirect: "manual", headers: browser });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(page);
  }
});

it("shows a browser that asks for a missing page a page in its language, not JSON", async () => {
  const response = await fetch(`${server.url}/no-such-page`, {
    headers: { ...browser, "accept-language": "fr-FR,ja;q=0.9,en;q=0.8" },
  });
  expect(response.status).toBe(404);
  expect(response.headers.get("content-type")).toContain("text/html");
  const page = await response.text();
  expect(page).toContain('<html lang="ja">');
  expect(page).toContain("ページが見つかりません");
  expect(page).toContain("<code>/no-such-page</code>");
});

it("keeps JSON for the API and for clients that do not ask for HTML", async () => {
  for (const [path, headers] of [
    ["/api/nothing-here", browser],
    ["/no-such-page", { accept: "application/json" }],
  ] as const) {
    const response = await fetch(`${server.url}${path}`, { headers });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  }
});

it("escapes the address it repeats, so a crafted link cannot put markup on the page", () => {
  const page = errorPage(404, "en", '/<script>alert("x")</script>');
  expect(page).not.toContain("<script>");
  expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  expect(errorPage(500, "ko", "/")).toContain("페이지를 표시할 수 없습니다");
});

it("reads Accept-Language by weight, then by order", () => {
  expect(acceptedLanguages("en;q=0.5, ko-KR, ja;q=0.9, *;q=0")).toEqual(["ko-KR", "ja", "en"]);
  expect(acceptedLanguages(undefined)).toEqual([]);
});
