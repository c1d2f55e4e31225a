export { escapeHtml, type HtmlValue, html, SafeHtml, safeHttpUrl } from './html.js';
export { PAGE_CSP, PAGE_SCRIPT, PAGE_SCRIPT_HASH, PAGE_STYLE_HASH } from './page-script.js';
export {
  needsAttention,
  type ReportPageOptions,
  type RowFilter,
  renderReportPage,
} from './render-report-page.js';
export { renderSignInPage } from './render-sign-in-page.js';
export { renderSubmitPage, type SubmitFormValues, type SubmitPageOptions } from './render-submit-page.js';
export { approvalFromForm, CSRF_FIELD } from './review-form.js';
