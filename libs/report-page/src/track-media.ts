import type { Track } from '@tidal-remedy/contracts';
import { html, type SafeHtml, safeHttpUrl } from './html.js';

/**
 * A track's album cover (the file TIDAL's artwork offers at 80 px or more, shown at `px`), or an empty box of
 * the same size when TIDAL sent none, so rows line up. Decorative: the title next to it says what it is.
 */
export function coverImage(track: Track, px: 56 | 32 = 56): SafeHtml {
  const url = track.album?.cover ? safeHttpUrl(track.album.cover.url) : null;
  // A class per size, not a style attribute: the page's CSP allows its one stylesheet by hash, no inline style.
  return url === null
    ? html`<span class="cover cover-none cover-${px}" aria-hidden="true"></span>`
    : html`<img class="cover" src="${url}" width="${px}" height="${px}" alt="" loading="lazy" decoding="async">`;
}

/**
 * Where TIDAL's web player shows the track and its album: only when the remedy ran against TIDAL itself
 * (`webBase`); against the emulator there is nothing to link to, so nothing is linked.
 */
export function trackLinks(track: Track, webBase: string | null | undefined): SafeHtml | null {
  if (!webBase) return null;
  const base = safeHttpUrl(webBase);
  if (base === null) return null;
  return html`<div class="track-links"><a href="${base}/track/${encodeURIComponent(track.id)}">Track on TIDAL</a>${
    track.album
      ? html` · <a href="${base}/album/${encodeURIComponent(track.album.id)}">Album on TIDAL</a>`
      : null
  }</div>`;
}
