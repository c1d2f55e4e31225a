import { html } from './html.js';
import { renderPage } from './page-layout.js';

/**
 * What a browser gets instead of a JSON 401 when it opens a page without a session: how to sign in.
 * It never shows or asks for the token itself; it says where the token comes from and how to pass it.
 */
export function renderSignInPage(options: { invalidToken: boolean }): string {
  return renderPage({
    title: 'Sign in to tidal-remedy',
    body: html`<header><h1>Sign in to tidal-remedy</h1></header>
${
  options.invalidToken
    ? html`<div class="error" role="alert"><p>The token you gave is not valid. Check it and try again.</p></div>`
    : null
}
<section class="panel"><h2>In a browser</h2>
<p>Open the start page once with the API token in the link: <code>/?token=&lt;API token&gt;</code>.
The page then sets a session cookie (valid for a day) and drops the token from the address.</p>
<p>The API token is the secret the API was started with (<code>remedy-api/token</code>, or the one
<code>pnpm dev</code> prints with the start page link).</p></section>
<section class="panel"><h2>From a program</h2>
<p>Send the header <code>Authorization: Bearer &lt;API token&gt;</code> with every request to <code>/v1/…</code>.</p></section>`,
  });
}
