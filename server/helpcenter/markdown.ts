/**
 * The answers' Markdown (docs/decisions.md, "The help center"): a small safe subset, rendered as
 * HTML that holds only what markdown-it writes itself. Raw HTML is never passed through (it shows
 * as text), and links go only to http, https or mailto addresses.
 */
import MarkdownIt from "markdown-it";

/** Paragraphs, line breaks, bold, italic, lists, links and inline code: nothing else. */
const rules = ["list", "newline", "emphasis", "link", "backticks", "escape", "entity"];

/** The schemes a link may have; anything else (javascript:, data:, relative paths) is refused. */
export const allowedLink = (href: string) => /^(https?:\/\/|mailto:)/i.test(href.trim());

function parser(validateLink: (href: string) => boolean) {
  const markdown = new MarkdownIt("zero", { html: false, breaks: true, linkify: false });
  markdown.enable(rules);
  markdown.validateLink = validateLink;
  return markdown;
}

const renderer = parser(allowedLink);
// A customer leaves the help center for another site without handing it this page.
renderer.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index]?.attrSet("rel", "nofollow noopener noreferrer");
  return self.renderToken(tokens, index, options);
};

/** Every link, whatever its scheme, so that an administrator hears which ones are refused. */
const reader = parser(() => true);

/** The answer as safe HTML. */
export function renderMarkdown(source: string): string {
  return renderer.render(source);
}

/** The links of the text that would not be links on the page. */
export function refusedLinks(source: string): string[] {
  return inlineTokens(source)
    .filter((token) => token.type === "link_open")
    .map((token) => String(token.attrGet("href") ?? ""))
    .filter((href) => !allowedLink(href));
}

/** What a reader sees, without the marks: for search and for a result's excerpt. */
export function plainText(source: string): string {
  return renderer
    .parse(source, {})
    .map((block) =>
      (block.children ?? [])
        .map((token) =>
          token.type === "softbreak" || token.type === "hardbreak" ? " " : token.content,
        )
        .join(""),
    )
    .filter((text) => text !== "")
    .join(" ");
}

function inlineTokens(source: string) {
  return reader.parse(source, {}).flatMap((block) => block.children ?? []);
}
