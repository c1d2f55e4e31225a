export { escapeHtml, type HtmlValue, html, SafeHtml, safeHttpUrl } from './html.js';
export { type ReportPageOptions, renderReportPage } from './render-report-page.js';
export { formatDuration, formatScore, trackArtists, trackTitle } from './track-text.js';
