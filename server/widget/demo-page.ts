import type { Language } from "../../shared/languages.js";
import { escapeHtml } from "../html.js";
import { embedCode } from "./embed-code.js";

/** A plain page carrying the embed code, standing in for a company's own site. */
export function demoPage(origin: string, serviceKey: string): string {
  const snippet = embedCode(origin, serviceKey);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Madoguchi demo shop</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Cpath fill='%231f4e79' d='M4 4h24a2 2 0 0 1 2 2v15a2 2 0 0 1-2 2H13l-7 6v-6H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z'/%3E%3C/svg%3E">
<style>
  body { font: 16px/1.6 system-ui, sans-serif; margin: 0; color: #1f2933; background: #f7f8fa; }
  header { background: #1f4e79; color: #fff; padding: 1.25rem 2rem; }
  main { max-width: 44rem; margin: 2rem auto; padding: 0 1.5rem; }
  pre { background: #fff; border: 1px solid #d8dde3; border-radius: 6px; padding: 1rem; overflow-x: auto; }
</style>
</head>
<body>
<header><h1>Demo shop</h1></header>
<main>
  <p>This page stands in for a company's own website. It carries the Madoguchi embed code below,
  which adds the chat icon at the bottom right.</p>
  <p>Set yourself online in the operator console, then click the chat icon to start a chat.</p>
  <h2>Embed code</h2>
  <pre><code>${escapeHtml(snippet)}</code></pre>
</main>
${snippet}
</body>
</html>
`;
}

/** The console's live preview: the widget of a service on a page drawn as the outline of a site
 *  (no words, so it reads the same in every language), as a customer would find it. */
export function previewPage(origin: string, serviceKey: string, language: Language): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Madoguchi</title>
<style>
  body { margin: 0; background: #f7f8fa; }
  header { height: 48px; background: #e3e7ec; }
  main { max-width: 40rem; margin: 28px auto; padding: 0 24px; }
  i { display: block; height: 12px; margin: 0 0 14px; border-radius: 6px; background: #e3e7ec; }
  i.title { width: 45%; height: 22px; margin-bottom: 24px; }
  i.short { width: 70%; }
</style>
</head>
<body>
<header></header>
<main aria-hidden="true"><i class="title"></i><i></i><i></i><i class="short"></i><i></i><i class="short"></i></main>
${embedCode(origin, serviceKey, language)}
</body>
</html>
`;
}
