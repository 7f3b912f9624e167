/**
 * The help center's pages (issue 14): plain HTML with a small inline stylesheet, usable without
 * JavaScript and light on a phone. Every text that is not ours is escaped, and the Markdown is
 * rendered by markdown.ts, which passes no HTML through.
 */
import { MAX_FAQ_QUERY_LENGTH } from "../../shared/help-center.js";
import type { Language } from "../../shared/languages.js";
import { escapeHtml } from "../html.js";
import { renderMarkdown } from "./markdown.js";
import { type PageTexts, pageTexts } from "./page-texts.js";
import { excerpt, type ShownEntry } from "./public.js";

/** What every page of one help center shares. */
export interface HelpCenterFrame {
  serviceName: string;
  serviceKey: string;
  language: Language;
  /** The service's languages, for the language links; one: no links. */
  languages: Language[];
  /** The language came from `?lang=`: the links keep it. */
  languageChosen: boolean;
  /** The embed code's script when the service offers chat here; null when it does not. */
  chatLauncher: string | null;
}

const styles = `*{box-sizing:border-box}
body{margin:0;background:#f5f7f9;color:#1f2933;font:16px/1.7 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP","Malgun Gothic",sans-serif;overflow-wrap:anywhere;word-break:auto-phrase}
a{color:#1f4e79}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.top{background:#1f4e79;color:#fff}
.top .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem 1rem;padding-block:.9rem}
.brand{color:#fff;text-decoration:none;font-weight:700;font-size:1.15rem;line-height:1.3}
.brand small{display:block;font-weight:400;font-size:.8rem;opacity:.85}
.langs{display:flex;gap:.75rem;margin:0;padding:0;list-style:none;font-size:.9rem}
.langs a{color:#fff}
.wrap{max-width:46rem;margin:0 auto;padding-inline:1.25rem}
main{padding-block:1.5rem 7rem}
.intro{margin-bottom:1.5rem}
.intro p,.answer p{margin:0 0 1em}
form{margin:0 0 2rem}
label{display:block;font-weight:600;margin-bottom:.35rem}
.search{display:flex;gap:.5rem}
input[type=search]{flex:1;min-width:0;font:inherit;padding:.55rem .75rem;border:1px solid #9aa5b1;border-radius:6px;background:#fff}
button{font:inherit;font-weight:600;padding:.55rem 1.1rem;border:0;border-radius:6px;background:#1f4e79;color:#fff;cursor:pointer}
h1{font-size:1.5rem;line-height:1.35;margin:0 0 1rem}
h2{font-size:1.15rem;margin:0 0 .75rem}
.list{margin:0;padding:0;list-style:none;background:#fff;border:1px solid #d8dde3;border-radius:8px}
.list li{border-top:1px solid #e4e8ec}
.list li:first-child{border-top:0}
.list a{display:block;padding:.8rem 1rem;text-decoration:none;font-weight:600}
.list a:hover{background:#f0f4f8}
.list span{display:block;font-weight:400;color:#5b6673;font-size:.92rem;margin-top:.2rem}
.note{margin:0 0 1rem;color:#5b6673}
.empty{padding:1.5rem;background:#fff;border:1px dashed #c4ccd4;border-radius:8px;text-align:center;color:#5b6673}
.empty strong{display:block;color:#1f2933;margin-bottom:.25rem}
.back{display:inline-block;margin-bottom:1rem}
article{background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:1.25rem 1.5rem}
.answer ul,.answer ol{padding-left:1.5rem;margin:0 0 1em}
.answer code{background:#eef1f4;border-radius:4px;padding:.1em .3em;font-size:.92em}
.answer>:last-child{margin-bottom:0}
.again{margin-top:2rem}`;

const textsOf = (frame: HelpCenterFrame): PageTexts => pageTexts[frame.language];

/** The help center's own address, with the chosen language kept. */
function href(frame: HelpCenterFrame, path = "", query: Record<string, string> = {}): string {
  const parameters = new URLSearchParams(query);
  if (frame.languageChosen) parameters.set("lang", frame.language);
  const search = parameters.toString();
  return `/h/${encodeURIComponent(frame.serviceKey)}/${path}${search ? `?${search}` : ""}`;
}

function languageLinks(frame: HelpCenterFrame): string {
  const others = frame.languages.filter((language) => language !== frame.language);
  if (others.length === 0) return "";
  const links = others.map((language) => {
    const name = escapeHtml(pageTexts[language].languageName);
    const to = `/h/${encodeURIComponent(frame.serviceKey)}/?lang=${language}`;
    return `<li><a href="${escapeHtml(to)}" lang="${language}" hreflang="${language}">${name}</a></li>`;
  });
  return `<ul class="langs" aria-label="${escapeHtml(textsOf(frame).languages)}">${links.join("")}</ul>`;
}

function searchForm(frame: HelpCenterFrame, query: string): string {
  const text = textsOf(frame);
  const keep = frame.languageChosen
    ? `<input type="hidden" name="lang" value="${frame.language}">`
    : "";
  return `<form role="search" action="${escapeHtml(href({ ...frame, languageChosen: false }))}" method="get">
<label for="q">${escapeHtml(text.searchLabel)}</label>
<div class="search"><input type="search" id="q" name="q" value="${escapeHtml(query)}" placeholder="${escapeHtml(text.searchPlaceholder)}" maxlength="${MAX_FAQ_QUERY_LENGTH}" enterkeyhint="search">${keep}<button type="submit">${escapeHtml(text.searchButton)}</button></div>
</form>`;
}

function layout(frame: HelpCenterFrame, title: string, content: string): string {
  const text = textsOf(frame);
  const name = escapeHtml(frame.serviceName);
  return `<!doctype html>
<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<header class="top"><div class="wrap"><a class="brand" href="${escapeHtml(href(frame))}">${name}<small>${escapeHtml(text.helpCenter)}</small></a>${languageLinks(frame)}</div></header>
<main class="wrap">
${content}
</main>
${frame.chatLauncher ?? ""}
</body>
</html>
`;
}

const entryLink = (frame: HelpCenterFrame, entry: ShownEntry, detail = "") =>
  `<li><a href="${escapeHtml(href(frame, `faq/${entry.id}`))}"${entry.language === frame.language ? "" : ` lang="${entry.language}"`}>${escapeHtml(entry.title)}${detail}</a></li>`;

/** The home page: the introduction, the search, the published questions. */
export function homePage(
  frame: HelpCenterFrame,
  introduction: string | undefined,
  entries: ShownEntry[],
): string {
  const text = textsOf(frame);
  const list =
    entries.length > 0
      ? `<ul class="list">${entries.map((entry) => entryLink(frame, entry)).join("")}</ul>`
      : `<p class="empty">${escapeHtml(text.noQuestions)}</p>`;
  // The inquiry form (issue 14's next point) takes its place after the questions.
  return layout(
    frame,
    `${frame.serviceName} · ${text.helpCenter}`,
    `<h1>${escapeHtml(frame.serviceName)}</h1>
${introduction ? `<div class="intro">${renderMarkdown(introduction)}</div>` : ""}
${searchForm(frame, "")}
<section aria-labelledby="questions"><h2 id="questions">${escapeHtml(text.questions)}</h2>
${list}</section>`,
  );
}

/** What a search found, with how many, or a designed "nothing found". */
export function resultsPage(frame: HelpCenterFrame, query: string, found: ShownEntry[]): string {
  const text = textsOf(frame);
  const results =
    found.length > 0
      ? `<p class="note" role="status">${escapeHtml(text.found(found.length, query))}</p>
<ul class="list">${found
          .map((entry) =>
            entryLink(frame, entry, `<span>${escapeHtml(excerpt(entry, query))}</span>`),
          )
          .join("")}</ul>`
      : `<div class="empty" role="status"><strong>${escapeHtml(text.nothingFound(query))}</strong>${escapeHtml(text.nothingFoundHint)}</div>`;
  return layout(
    frame,
    `${text.results}: ${query} · ${frame.serviceName}`,
    `${searchForm(frame, query)}
<section aria-labelledby="results"><h2 id="results">${escapeHtml(text.results)}</h2>
${results}</section>
<p><a href="${escapeHtml(href(frame))}">${escapeHtml(text.allQuestions)}</a></p>`,
  );
}

/** One question and its answer. */
export function entryPage(frame: HelpCenterFrame, entry: ShownEntry): string {
  const text = textsOf(frame);
  const lang = entry.language === frame.language ? "" : ` lang="${entry.language}"`;
  return layout(
    frame,
    `${entry.title} · ${frame.serviceName}`,
    `<a class="back" href="${escapeHtml(href(frame))}">← ${escapeHtml(text.allQuestions)}</a>
<article${lang}><h1>${escapeHtml(entry.title)}</h1><div class="answer">${renderMarkdown(entry.answer)}</div></article>
<div class="again">${searchForm(frame, "")}</div>`,
  );
}
