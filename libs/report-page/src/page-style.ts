/**
 * The page's whole stylesheet, inline so the page needs no asset route and no build. Colours keep a
 * contrast of at least 4.5:1 on their background; badges carry words, never colour alone. Below 40rem
 * the table turns into one card per item, each cell labelled from its column header.
 */
export const PAGE_STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; background: #f6f7f9; color: #1b1f24; line-height: 1.45; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
a { color: #0b57d0; }
.meta, .note { color: #4a525c; }
.state { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; font-weight: 600; background: #e3e8ef; }
.state-done { background: #d5f0dd; color: #0f5323; }
.state-failed { background: #fbe0e0; color: #8a1c1c; }
.error { border-left: 4px solid #b3261e; background: #fff; padding: 0.5rem 1rem; }
dl.counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 0.5rem; margin: 0; }
dl.counts div { background: #fff; border-radius: 0.5rem; padding: 0.5rem 0.75rem; }
dl.counts dt { font-size: 0.85rem; color: #4a525c; }
dl.counts dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
progress { width: 100%; max-width: 28rem; height: 1rem; }
table { width: 100%; border-collapse: collapse; background: #fff; }
caption { text-align: left; padding: 0.5rem 0; color: #4a525c; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid #d8dde3; }
th { background: #eef1f5; }
td ul { margin: 0; padding-left: 1.1rem; }
.track-title { font-weight: 600; overflow-wrap: anywhere; }
.track-sub { color: #4a525c; font-size: 0.9rem; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0.1rem 0.45rem; border-radius: 0.3rem; font-size: 0.85rem; font-weight: 600; white-space: nowrap; }
.badge-isrc { background: #d5f0dd; color: #0f5323; }
.badge-match { background: #dbe7fb; color: #0b3d91; }
.badge-none { background: #eceff3; color: #3a4048; }
dl.parts { display: grid; grid-template-columns: auto auto; gap: 0 0.5rem; margin: 0.25rem 0 0; font-size: 0.85rem; }
dl.parts dd { margin: 0; }
@media (max-width: 40rem) {
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table, tbody, tr, td { display: block; }
  tr { border-bottom: 2px solid #c4cad1; padding: 0.25rem 0; }
  td { border: 0; padding: 0.25rem 0.5rem; }
  td::before { content: attr(data-label); display: block; font-size: 0.8rem; color: #4a525c; font-weight: 600; }
}
`;
