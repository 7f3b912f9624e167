/**
 * What a person's browser gets outside the single-page apps: the slash a page's address needs,
 * and a short readable page, in their language, where an API client gets a JSON error.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { type Language, pickLanguage } from "../shared/languages.js";
import { escapeHtml } from "./html.js";

/** /console and /demo typed without the slash land on their pages (query kept). */
export const slashRedirects: FastifyPluginAsync = async (app) => {
  for (const page of ["/console", "/demo"]) {
    app.get(page, { schema: { hide: true } }, (request, reply) =>
      reply.redirect(`${page}/${request.url.slice(page.length)}`, 301),
    );
  }
};

/** A browser navigating to a page or sending one of the pages' forms (the help center's
 *  inquiry form without JavaScript), as opposed to a script calling the API or opening /ws. */
export function wantsPage(request: FastifyRequest): boolean {
  const path = request.url;
  if (path.startsWith("/api/") || path === "/api" || path.startsWith("/ws")) return false;
  return ["GET", "HEAD", "POST"].includes(request.method) && acceptsHtml(request);
}

export function sendErrorPage(reply: FastifyReply, request: FastifyRequest): FastifyReply {
  const language = pickLanguage(acceptedLanguages(request.headers["accept-language"]));
  return reply
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(errorPage(reply.statusCode, language, request.url.split("?")[0] ?? "/"));
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? "").toLowerCase().includes("text/html");
}

/** Accept-Language's tags, most wanted first ("ja-JP,en;q=0.8" gives ja-JP, en). */
export function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...parameters] = part.trim().split(";");
      const q = parameters.map((parameter) => parameter.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim(), weight: q ? Number(q.slice(2)) : 1, index };
    })
    .filter(({ tag, weight }) => tag !== "" && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map(({ tag }) => tag);
}

interface PageText {
  notFoundTitle: string;
  notFoundText: string;
  failedTitle: string;
  failedText: string;
  tooManyTitle: string;
  tooManyText: string;
  home: string;
}

const texts: Record<Language, PageText> = {
  en: {
    notFoundTitle: "Page not found",
    notFoundText: "There is no page at {path}. The link may be mistyped or out of date.",
    failedTitle: "This page could not be shown",
    failedText: "Something went wrong on the server. Please try again in a moment.",
    tooManyTitle: "Too many requests",
    tooManyText:
      "Too many were sent from your connection. Please wait a minute, then go back and send again: your browser usually keeps what you typed.",
    home: "Go to the start page",
  },
  ja: {
    notFoundTitle: "ページが見つかりません",
    notFoundText:
      "{path} というページはありません。リンクが間違っているか、古くなっている可能性があります。",
    failedTitle: "ページを表示できませんでした",
    failedText: "サーバーで問題が発生しました。しばらくしてからもう一度お試しください。",
    tooManyTitle: "送信が多すぎます",
    tooManyText:
      "お使いの接続から短時間に多く送信されました。1分ほど待ってから前のページに戻り、もう一度送信してください。入力した内容は通常ブラウザーに残っています。",
    home: "トップページへ",
  },
  ko: {
    notFoundTitle: "페이지를 찾을 수 없습니다",
    notFoundText:
      "{path}에 해당하는 페이지가 없습니다. 링크가 잘못되었거나 오래되었을 수 있습니다.",
    failedTitle: "페이지를 표시할 수 없습니다",
    failedText: "서버에 문제가 발생했습니다. 잠시 후 다시 시도해 주세요.",
    tooManyTitle: "요청이 너무 많습니다",
    tooManyText:
      "사용 중인 연결에서 짧은 시간에 너무 많이 보냈습니다. 1분 정도 기다린 뒤 이전 페이지로 돌아가 다시 보내 주세요. 입력한 내용은 보통 브라우저에 남아 있습니다.",
    home: "시작 페이지로",
  },
};

/** The whole page; every piece of text that is not ours (the path) is escaped. `home` is where
 *  its link leads: the start page, or the help center the missing page was in. */
export function errorPage(status: number, language: Language, path: string, home = "/"): string {
  const text = texts[language];
  const notFound = status === 404;
  const tooMany = status === 429;
  const title = notFound ? text.notFoundTitle : tooMany ? text.tooManyTitle : text.failedTitle;
  const body = notFound
    ? escapeHtml(text.notFoundText).replace("{path}", `<code>${escapeHtml(path)}</code>`)
    : escapeHtml(tooMany ? text.tooManyText : text.failedText);
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Madoguchi</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f5f7f9;
    color: #1f2933; font: 16px/1.6 system-ui, "Hiragino Sans", "Noto Sans JP", "Malgun Gothic", sans-serif; }
  main { max-width: 30rem; margin: 1.5rem; padding: 2rem; background: #fff; border: 1px solid #d8dde3;
    border-radius: 8px; text-align: center; }
  .status { margin: 0; font-size: 2.5rem; font-weight: 700; color: #c4ccd4; }
  h1 { margin: 0 0 .5rem; font-size: 1.25rem; }
  p { margin: 0 0 1.25rem; color: #5b6673; overflow-wrap: anywhere; word-break: auto-phrase; }
  a { display: inline-block; padding: .35rem 1rem; border-radius: 6px; background: #1f4e79; color: #fff;
    text-decoration: none; }
  a:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<p class="status">${status}</p>
<h1>${escapeHtml(title)}</h1>
<p>${body}</p>
<a href="${escapeHtml(home)}">${escapeHtml(text.home)}</a>
</main>
</body>
</html>
`;
}
