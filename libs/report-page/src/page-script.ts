import { createHash } from 'node:crypto';
import { PAGE_STYLE } from './page-style.js';

/**
 * The pages' one script, inline and constant, allowed by its hash in the Content-Security-Policy (no
 * nonce to thread through, nothing else can run). While a remedy runs, it reads the remedy's status
 * (`GET /v1/remedies/:id`, with the session cookie) every few seconds, updates the progress in place, and
 * reloads the page when the state changes. Without scripts, the page reloads itself instead (a refresh
 * inside <noscript>). It writes text only, never markup.
 */
export const PAGE_SCRIPT = `(function () {
  var main = document.querySelector('main[data-status-url]');
  if (!main || !window.fetch) return;
  var url = main.getAttribute('data-status-url');
  var state = main.getAttribute('data-state');
  var run = main.getAttribute('data-run');
  var every = Number(main.getAttribute('data-poll-ms')) || 2000;
  function show(progress) {
    if (progress.unavailable === null) return;
    var text = 'Replacements looked for: ' + progress.matched + ' of ' + progress.unavailable;
    var bar = document.getElementById('matched');
    var label = document.getElementById('matched-label');
    if (bar) {
      bar.max = progress.unavailable;
      bar.value = progress.matched;
      bar.textContent = progress.matched + ' of ' + progress.unavailable;
    }
    if (label) label.textContent = text;
  }
  function poll() {
    fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (status && (status.state !== state || String(status.run) !== run)) {
          location.reload();
          return;
        }
        if (status) show(status.progress);
        setTimeout(poll, every);
      }, function () { setTimeout(poll, every); });
  }
  setTimeout(poll, every);
})();`;

/** `'sha256-…'`, the CSP source that allows PAGE_SCRIPT and nothing else. */
export const PAGE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}'`;

/** `'sha256-…'`, the CSP source that allows PAGE_STYLE (the one `<style>` element) and nothing else. */
export const PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`;

/**
 * The pages' Content-Security-Policy: nothing from elsewhere; the one stylesheet and the one script, each by
 * its hash (no other inline style, no style attribute); its status requests to this origin; forms posting to
 * this origin only.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${PAGE_STYLE_HASH}`,
  `script-src ${PAGE_SCRIPT_HASH}`,
  "connect-src 'self'",
  // Album covers come from TIDAL's image host (the spec does not name it) or the emulator's: images only,
  // by URLs from TIDAL's answers that the page checked are http(s); nothing else may load from elsewhere.
  'img-src https: http:',
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
