/**
 * The help center's pages (issue 14): plain HTML with a small inline stylesheet, usable without
 * JavaScript and light on a phone. Every text that is not ours is escaped, and the Markdown is
 * rendered by markdown.ts, which passes no HTML through.
 */
import { MAX_FAQ_QUERY_LENGTH } from "../../shared/help-center.js";
import { INQUIRY_HONEYPOT } from "../../shared/inquiries.js";
import type { Language } from "../../shared/languages.js";
import {
  MAX_CUSTOMER_EMAIL_LENGTH,
  MAX_CUSTOMER_NAME_LENGTH,
  MAX_INQUIRY_MESSAGE_LENGTH,
  MAX_TICKET_SUBJECT_LENGTH,
} from "../../shared/limits.js";
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
  /** The help center offers the inquiry form (policy.ts, takesInquiries). */
  takesInquiries: boolean;
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
.again{margin-top:2rem}
.ask{margin-top:2rem;padding:1.25rem 1.5rem;background:#fff;border:1px solid #d8dde3;border-radius:8px}
.ask p{margin:0 0 .5rem}
.ask a{font-weight:600}
.inquiry .field{margin-bottom:1.1rem}
.inquiry input[type=text],.inquiry input[type=email],.inquiry select,.inquiry textarea{display:block;width:100%;font:inherit;padding:.55rem .75rem;border:1px solid #9aa5b1;border-radius:6px;background:#fff;color:inherit}
.inquiry textarea{min-height:10rem;resize:vertical}
.inquiry input[type=file]{display:block;max-width:100%;font:inherit}
.inquiry input[type=file]::file-selector-button{font:inherit;padding:.45rem .9rem;margin-right:.75rem;border:1px solid #9aa5b1;border-radius:6px;background:#fff;color:inherit}
.inquiry input:focus-visible,.inquiry select:focus-visible,.inquiry textarea:focus-visible{outline:3px solid #f5a623;outline-offset:1px}
.inquiry input[aria-invalid=true],.inquiry select[aria-invalid=true],.inquiry textarea[aria-invalid=true]{border-color:#b42318;border-width:2px}
.hint{display:block;font-weight:400;color:#5b6673;font-size:.9rem;margin:-.15rem 0 .35rem}
.optional{font-weight:400;color:#5b6673;font-size:.9rem}
.error{display:block;color:#b42318;font-weight:600;font-size:.92rem;margin-top:.3rem}
.alert{margin:0 0 1.25rem;padding:.75rem 1rem;border-left:4px solid #b42318;background:#fdf0ef;border-radius:4px;font-weight:600}
.consent{display:flex;gap:.6rem;align-items:flex-start;font-weight:400}
.consent input{margin-top:.45rem;width:1.1rem;height:1.1rem;flex:none}
.consent-text{white-space:pre-line;color:#3e4c59;font-size:.95rem;margin:0 0 .5rem}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.sent{background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:1.25rem 1.5rem}
.sent .reference{font-size:1.1rem;font-weight:600}`;

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
  return layout(
    frame,
    `${frame.serviceName} · ${text.helpCenter}`,
    `<h1>${escapeHtml(frame.serviceName)}</h1>
${introduction ? `<div class="intro">${renderMarkdown(introduction)}</div>` : ""}
${searchForm(frame, "")}
<section aria-labelledby="questions"><h2 id="questions">${escapeHtml(text.questions)}</h2>
${list}</section>
${frame.takesInquiries ? askLink(frame) : ""}`,
  );
}

const askLink = (frame: HelpCenterFrame) => {
  const text = textsOf(frame).inquiry;
  return `<section class="ask"><p>${escapeHtml(text.homeLead)}</p><a href="${escapeHtml(href(frame, "inquiry"))}">${escapeHtml(text.homeLink)} →</a></section>`;
};

/** What the inquiry page shows around what the customer typed. */
export interface InquiryForm {
  /** As typed (kept on an error), by field name. */
  values: Partial<Record<"name" | "email" | "processingTypeId" | "subject" | "message", string>> & {
    consent?: boolean;
  };
  /** A refused field's message, in the page's language, by field name. */
  errors: Record<string, string>;
  processingTypes: Array<{ id: string; label: string }>;
  /** What the optional file may be: its extensions and largest size, in the page's words. */
  attachment: { accept: string; hint: string };
  consentText: string;
  privacyPolicyUrl: string | null;
}

/** The inquiry form: a plain POST form, so it works without JavaScript; on an error it comes
 *  back with everything typed and each refusal beside its field. */
export function inquiryPage(frame: HelpCenterFrame, form: InquiryForm): string {
  const text = textsOf(frame).inquiry;
  const { values, errors } = form;
  const errorCount = Object.keys(errors).length;
  const described = (name: string, hint?: boolean) => {
    const ids = [hint ? `${name}-hint` : "", errors[name] ? `${name}-error` : ""].filter(Boolean);
    return `${ids.length > 0 ? ` aria-describedby="${ids.join(" ")}"` : ""}${errors[name] ? ' aria-invalid="true"' : ""}`;
  };
  const error = (name: string) =>
    errors[name] ? `<span class="error" id="${name}-error">${escapeHtml(errors[name])}</span>` : "";
  const input = (name: "name" | "email" | "subject", type: string, max: number, extra = "") =>
    `<input type="${type}" id="${name}" name="${name}" value="${escapeHtml(values[name] ?? "")}" maxlength="${max}" required${extra}${described(name, name === "email")}>`;
  const options = form.processingTypes
    .map(
      (type) =>
        `<option value="${escapeHtml(type.id)}"${values.processingTypeId === type.id ? " selected" : ""}>${escapeHtml(type.label)}</option>`,
    )
    .join("");
  const typeField =
    form.processingTypes.length > 0
      ? `<div class="field"><label for="processingTypeId">${escapeHtml(text.processingType)} <span class="optional">(${escapeHtml(text.optional)})</span></label>
<select id="processingTypeId" name="processingTypeId"${described("processingTypeId")}><option value="">${escapeHtml(text.noProcessingType)}</option>${options}</select>${error("processingTypeId")}</div>`
      : "";
  const policy = form.privacyPolicyUrl
    ? ` <a href="${escapeHtml(form.privacyPolicyUrl)}" rel="noopener" target="_blank">${escapeHtml(text.privacyPolicy)}</a>`
    : "";
  return layout(
    frame,
    `${text.heading} · ${frame.serviceName}`,
    `<a class="back" href="${escapeHtml(href(frame))}">← ${escapeHtml(textsOf(frame).allQuestions)}</a>
<h1>${escapeHtml(text.heading)}</h1>
<p class="note">${escapeHtml(text.lead)}</p>
${errorCount > 0 ? `<p class="alert" role="alert">${escapeHtml(text.fixErrors(errorCount))}</p>` : ""}
<form class="inquiry" method="post" action="${escapeHtml(href(frame, "inquiry"))}" enctype="multipart/form-data" novalidate>
<div class="field"><label for="name">${escapeHtml(text.name)}</label>${input("name", "text", MAX_CUSTOMER_NAME_LENGTH, ' autocomplete="name"')}${error("name")}</div>
<div class="field"><label for="email">${escapeHtml(text.email)}</label><span class="hint" id="email-hint">${escapeHtml(text.emailHint)}</span>${input("email", "email", MAX_CUSTOMER_EMAIL_LENGTH, ' autocomplete="email"')}${error("email")}</div>
${typeField}
<div class="field"><label for="subject">${escapeHtml(text.subject)}</label>${input("subject", "text", MAX_TICKET_SUBJECT_LENGTH)}${error("subject")}</div>
<div class="field"><label for="message">${escapeHtml(text.message)}</label><textarea id="message" name="message" maxlength="${MAX_INQUIRY_MESSAGE_LENGTH}" required${described("message")}>${escapeHtml(values.message ?? "")}</textarea>${error("message")}</div>
<div class="field"><label for="attachment">${escapeHtml(text.attachment)} <span class="optional">(${escapeHtml(text.optional)})</span></label><span class="hint" id="attachment-hint">${escapeHtml(form.attachment.hint)}</span><input type="file" id="attachment" name="attachment" accept="${escapeHtml(form.attachment.accept)}"${described("attachment", true)}>${error("attachment")}</div>
<div class="trap" aria-hidden="true"><label for="${INQUIRY_HONEYPOT}">Fax</label><input type="text" id="${INQUIRY_HONEYPOT}" name="${INQUIRY_HONEYPOT}" tabindex="-1" autocomplete="off"></div>
<div class="field">${form.consentText ? `<p class="consent-text">${escapeHtml(form.consentText)}</p>` : ""}<label class="consent"><input type="checkbox" id="consent" name="consent" value="yes"${values.consent ? " checked" : ""}${described("consent")}><span>${escapeHtml(text.consent)}${policy}</span></label>${error("consent")}</div>
<button type="submit">${escapeHtml(text.send)}</button>
</form>`,
  );
}

/** After an inquiry: its reference, and no promise beyond what happens (no email is sent). */
export function inquirySentPage(frame: HelpCenterFrame, reference: number | null): string {
  const text = textsOf(frame).inquiry;
  return layout(
    frame,
    `${text.sentHeading} · ${frame.serviceName}`,
    `<div class="sent" role="status"><h1>${escapeHtml(text.sentHeading)}</h1>
<p class="reference">${escapeHtml(reference ? text.sentReference(reference) : text.sentWithoutReference)}</p>
<p>${escapeHtml(text.sentNext)}</p></div>
<p><a href="${escapeHtml(href(frame))}">← ${escapeHtml(textsOf(frame).allQuestions)}</a></p>`,
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
