import { type HtmlValue, html, SafeHtml } from './html.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

/**
 * The stylesheet and the script are our own constants, and the only things inserted unescaped: `<style>`
 * and `<script>` are raw text, where an entity such as `&quot;` would not be decoded.
 */
const STYLE = new SafeHtml(PAGE_STYLE);
const SCRIPT = new SafeHtml(PAGE_SCRIPT);

export interface PageShell {
  title: string;
  /** Attributes of <main> (data-* for the script), already escaped by `html`. */
  mainAttributes?: SafeHtml;
  /** Reload the page this often where scripts do not run (set while a remedy runs). */
  noscriptRefreshSeconds?: number;
  /** Include the status script (while a remedy runs). */
  script?: boolean;
  body: HtmlValue;
}

/** A whole page: the document shell every page shares around its body. */
export function renderPage(shell: PageShell): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
${
  shell.noscriptRefreshSeconds === undefined
    ? null
    : html`<noscript><meta http-equiv="refresh" content="${shell.noscriptRefreshSeconds}"></noscript>`
}
<title>${shell.title}</title>
<style>${STYLE}</style>
</head>
<body>
<main${shell.mainAttributes ?? null}>
${shell.body}
</main>
${shell.script ? html`<script>${SCRIPT}</script>` : null}
</body>
</html>
`.text;
}
