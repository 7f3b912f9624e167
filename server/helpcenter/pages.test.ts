/** The help center's public pages (issue 14): what a customer's browser gets at /h/<key>/. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceRow } from "../services/services.js";
import { adminCookie, buildService, call } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await adminCookie(server);
});
afterAll(() => server.close());

async function service(
  settings: Record<string, unknown> = {},
  name = "Acme shop",
): Promise<ServiceRow> {
  const built = await buildService(server, { name });
  const changed = await call(server, "PATCH", `/api/services/${built.id}`, {
    cookie: admin,
    body: { languages: ["en", "ja"], ...settings },
  });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  return built;
}

async function addEntry(serviceId: string, texts: unknown, published = true) {
  const created = await call(server, "POST", `/api/services/${serviceId}/help-center/faq-entries`, {
    cookie: admin,
    body: { published, texts },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.faqEntry.id as string;
}

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

const delivery = {
  en: { title: "When does my order arrive?", answer: "Within **3 days** of payment." },
  ja: { title: "注文はいつ届きますか？", answer: "お支払いから**３日以内**に配送します。" },
};

describe("the help center's home page", () => {
  it("shows the service's name, its introduction and the published questions in the visitor's language", async () => {
    const shop = await service();
    await call(server, "PUT", `/api/services/${shop.id}/help-center/introduction`, {
      cookie: admin,
      body: { introduction: { en: "We answer *every* question.", ja: "なんでもお答えします。" } },
    });
    await addEntry(shop.id, delivery);
    await addEntry(shop.id, { en: { title: "A draft question", answer: "Not yet." } }, false);
    const home = `/h/${shop.key}/`;

    const english = await page(home);
    expect(english.status).toBe(200);
    expect(english.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(english.headers.get("cache-control")).toBe("no-cache");
    expect(english.headers.get("x-content-type-options")).toBe("nosniff");
    expect(english.html).toContain('<html lang="en">');
    expect(english.html).toContain("Acme shop");
    expect(english.html).toContain("<p>We answer <em>every</em> question.</p>");
    expect(english.html).toContain("When does my order arrive?");
    expect(english.html).not.toContain("A draft question");
    expect(english.html).toContain('hreflang="ja"');

    // The browser's language, when the service speaks it; else the service's default.
    const japanese = await page(home, { "accept-language": "ja-JP,en;q=0.5" });
    expect(japanese.html).toContain('<html lang="ja">');
    expect(japanese.html).toContain("注文はいつ届きますか？");
    expect(japanese.html).toContain("なんでもお答えします。");
    expect(japanese.headers.get("content-language")).toBe("ja");
    const korean = await page(home, { "accept-language": "ko-KR" });
    expect(korean.html).toContain('<html lang="en">');

    // ?lang= wins over the browser, and the page's links keep it.
    const chosen = await page(`${home}?lang=ja`, { "accept-language": "en" });
    expect(chosen.html).toContain('<html lang="ja">');
    expect(chosen.html).toMatch(/href="\/h\/[^"]+\/faq\/[0-9a-f-]+\?lang=ja"/);
    expect(chosen.html).toContain('<input type="hidden" name="lang" value="ja">');
    // A language the service does not speak is not chosen.
    expect((await page(`${home}?lang=ko`)).html).toContain('<html lang="en">');

    expect(Buffer.byteLength(english.html)).toBeLessThan(30 * 1024);
    expect(english.html).not.toMatch(/<script(?! src="[^"]+\/widget\.js")/);
  });

  it("says when nothing is published yet, and redirects the address without its slash", async () => {
    const shop = await service();
    const empty = await page(`/h/${shop.key}/`);
    expect(empty.html).toContain("No questions have been published here yet.");
    const bare = await page(`/h/${shop.key}?lang=ja`);
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe(`/h/${shop.key}/?lang=ja`);
  });

  it("carries the chat launcher only when the service offers chat, to anyone", async () => {
    const loader =
      /<script src="[^"]+\/widget\.js" data-service="[^"]+" data-lang="ja" async><\/script>/;
    const open = await service({ chatEnabled: true });
    expect((await page(`/h/${open.key}/?lang=ja`)).html).toMatch(loader);
    const off = await service({ chatEnabled: false });
    expect((await page(`/h/${off.key}/`)).html).not.toContain("widget.js");
    const loginOnly = await service({ chatEnabled: true });
    await call(server, "PATCH", `/api/services/${loginOnly.id}/embed`, {
      cookie: admin,
      body: { loginRequired: true },
    });
    expect((await page(`/h/${loginOnly.key}/`)).html).not.toContain("widget.js");
  });

  it("may carry the chat of a service that lists its allowed sites: the help center is its own", async () => {
    const listed = await service({ chatEnabled: true });
    await call(server, "PATCH", `/api/services/${listed.id}/embed`, {
      cookie: admin,
      body: { allowedOrigins: ["https://shop.example"] },
    });
    const html = (await page(`/h/${listed.key}/`)).html;
    expect(html).toContain(`${server.url}/widget.js`);
    // What the loader asks from the help center's page, which the browser names in Origin.
    const loader = (origin: string) =>
      fetch(`${server.url}/api/widget/services/${listed.key}`, { headers: { origin } });
    expect((await loader(server.url)).status).toBe(200);
    expect((await loader("https://elsewhere.example")).status).toBe(403);
  });
});

describe("the help center's search", () => {
  it("finds questions by title and answer, without case or width, Japanese included", async () => {
    const shop = await service();
    await addEntry(shop.id, delivery);
    await addEntry(shop.id, {
      en: { title: "Resetting a PASSWORD", answer: "Use the link on the login page." },
      ja: { title: "パスワードの再設定", answer: "ログイン画面のリンクから再設定できます。" },
    });
    await addEntry(shop.id, { en: { title: "Secret draft", answer: "password" } }, false);
    const search = (query: string, lang = "en") =>
      page(`/h/${shop.key}/?lang=${lang}&q=${encodeURIComponent(query)}`);

    const password = await search("password");
    expect(password.html).toContain("1 question matches “password”.");
    expect(password.html).toContain("Resetting a PASSWORD");
    expect(password.html).not.toContain("Secret draft");
    // Full-width letters are the same letters; words are found in the answer too.
    expect((await search("ＰＡＳＳＷＯＲＤ")).html).toContain("Resetting a PASSWORD");
    expect((await search("login page")).html).toContain("Resetting a PASSWORD");
    expect((await search("3 days")).html).toContain("When does my order arrive?");

    // Japanese: a word inside a sentence without spaces; NFKC makes ３ and 3 one.
    const japanese = await search("再設定", "ja");
    expect(japanese.html).toContain("「再設定」に一致する質問が 1 件あります。");
    expect(japanese.html).toContain("パスワードの再設定");
    expect((await search("3日", "ja")).html).toContain("注文はいつ届きますか？");
    // Half-width katakana is the same word.
    expect((await search("ﾊﾟｽﾜｰﾄﾞ", "ja")).html).toContain("パスワードの再設定");

    const nothing = await search("refund <b>");
    expect(nothing.html).toContain("Nothing found for “refund &lt;b&gt;”.");
    expect(nothing.html).not.toContain("<b>");
    const nothingJa = await search("返金", "ja");
    expect(nothingJa.html).toContain("「返金」に一致する質問は見つかりませんでした。");
    // The search form keeps what was typed.
    expect(nothingJa.html).toContain('value="返金"');
  });
});

describe("a help center question's page", () => {
  it("shows the answer as safe HTML: no script, no javascript: link, no raw HTML comes through", async () => {
    const shop = await service();
    const id = await addEntry(shop.id, {
      en: {
        title: "<script>alert('title')</script>",
        answer: [
          "Hello <script>alert(1)</script> and <img src=x onerror=alert(2)>",
          "",
          "- one",
          "- **two** with `<code>`",
          "",
          "[Visit](https://shop.example) or [mail](mailto:help@shop.example)",
        ].join("\n"),
      },
    });
    const entry = await page(`/h/${shop.key}/faq/${id}`);
    expect(entry.status).toBe(200);
    expect(entry.html).toContain("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>");
    expect(entry.html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(entry.html).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(entry.html).toContain("<li><strong>two</strong> with <code>&lt;code&gt;</code></li>");
    expect(entry.html).toContain(
      '<a href="https://shop.example" rel="nofollow noopener noreferrer">Visit</a>',
    );
    expect(entry.html).toContain('<a href="mailto:help@shop.example"');
    expect(entry.html).not.toContain("<script>");
    expect(entry.html).not.toContain("<img");
  });

  it("shows an entry not written in the page's language in the default one, marked as such", async () => {
    const shop = await service();
    const id = await addEntry(shop.id, { en: { title: "English only", answer: "Only English." } });
    const entry = await page(`/h/${shop.key}/faq/${id}?lang=ja`);
    expect(entry.html).toContain('<html lang="ja">');
    expect(entry.html).toContain('<article lang="en"><h1>English only</h1>');
  });
});

describe("a help center that is not there", () => {
  it("answers a page in the visitor's language, for an unknown key, an archived service, an unpublished or unknown question", async () => {
    const unknown = await page("/h/no-such-key/", { "accept-language": "ja" });
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('<html lang="ja">');
    expect(unknown.html).toContain("ページが見つかりません");
    expect((await page("/h/no-such-key/?lang=ko")).html).toContain('<html lang="ko">');

    const shop = await service();
    const draft = await addEntry(shop.id, { en: { title: "Draft", answer: "Draft." } }, false);
    for (const path of [`faq/${draft}`, `faq/${crypto.randomUUID()}`, "faq/not-an-id"]) {
      const missing = await page(`/h/${shop.key}/${path}`);
      expect(missing.status, path).toBe(404);
      expect(missing.html, path).toContain("Page not found");
      expect(missing.html, path).toContain(`href="/h/${shop.key}/"`);
    }

    const archived = await service();
    const archiving = await call(server, "POST", `/api/services/${archived.id}/archive`, {
      cookie: admin,
    });
    expect(archiving.status).toBe(200);
    const gone = await page(`/h/${archived.key}/`);
    expect(gone.status).toBe(404);
    expect(gone.html).toContain("Page not found");
  });
});
