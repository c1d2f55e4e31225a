/**
 * The pages' whole stylesheet, inline so a page needs no asset route and no build. Colours keep a
 * contrast of at least 4.5:1 on their background; badges carry words, never colour alone; whatever takes
 * the keyboard focus shows a ring. Below 40rem the table turns into one card per item, each cell
 * labelled from its column header.
 */
export const PAGE_STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; background: #f6f7f9; color: #1b1f24; line-height: 1.45; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
a { color: #0b57d0; }
.meta, .note { color: #4a525c; }
.state { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; font-weight: 600; background: #e3e8ef; }
.state-done { background: #d5f0dd; color: #0f5323; }
.state-failed { background: #fbe0e0; color: #8a1c1c; }
.state-awaiting-review { background: #fdf0c4; color: #5c4300; }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
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
.track-media { display: flex; gap: 0.6rem; align-items: flex-start; }
.cover { flex: none; display: inline-block; border-radius: 4px; background: #e3e6ea; object-fit: cover; vertical-align: middle; }
.cover-56 { width: 56px; height: 56px; }
.cover-32 { width: 32px; height: 32px; }
.track-links { font-size: 0.85rem; }
.track-sub { color: #4a525c; font-size: 0.9rem; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0.1rem 0.45rem; border-radius: 0.3rem; font-size: 0.85rem; font-weight: 600; white-space: nowrap; }
.badge-isrc { background: #d5f0dd; color: #0f5323; }
.badge-match { background: #dbe7fb; color: #0b3d91; }
.badge-none { background: #eceff3; color: #3a4048; }
.badge-review { background: #fdf0c4; color: #5c4300; margin-top: 0.25rem; }
.badge-attention { background: #fde2d6; color: #7a2600; margin-top: 0.25rem; }
fieldset { margin: 0; padding: 0; border: 0; min-width: 0; }
fieldset.choice label, fieldset.options label { display: flex; gap: 0.45rem; align-items: flex-start; padding: 0.2rem 0; cursor: pointer; }
input[type="radio"] { width: 1.1rem; height: 1.1rem; margin: 0.15rem 0 0; flex: none; accent-color: #0b57d0; }
.choice .candidate { overflow-wrap: anywhere; }
.panel { background: #fff; border: 1px solid #c4cad1; border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 1rem 0; }
.panel legend { font-weight: 600; padding: 0 0.25rem; }
fieldset.panel { padding: 0.75rem 1rem; border: 1px solid #c4cad1; }
label.field { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
.hint { display: block; font-weight: 400; font-size: 0.9rem; color: #4a525c; }
input[type="text"] { font: inherit; width: 100%; max-width: 36rem; box-sizing: border-box; padding: 0.5rem; border: 1px solid #6b737d; border-radius: 0.3rem; background: #fff; color: inherit; }
input.short { max-width: 5rem; text-transform: uppercase; }
button { font: inherit; font-weight: 600; color: #fff; background: #0b57d0; border: 0; border-radius: 0.4rem; padding: 0.6rem 1.5rem; min-height: 2.75rem; margin-top: 0.75rem; cursor: pointer; }
button:hover { background: #0842a0; }
/* A row whose choice departs from the proposal stands out while the person reviews. */
tr:has(input[value="reject"]:checked), tr:has(input[value^="pick:"]:checked) { background: #fff8e1; }
@media (min-width: 40.01rem) {
  td.track { min-width: 9rem; }
  td.choices { min-width: 15rem; }
}
dl.parts { display: grid; grid-template-columns: max-content max-content; gap: 0 0.75rem; margin: 0.25rem 0 0; font-size: 0.85rem; }
dl.parts dd { margin: 0; }
@media (max-width: 40rem) {
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table, caption, tbody, tr, td { display: block; }
  table { background: none; }
  tr { background: #fff; border: 1px solid #c4cad1; border-radius: 0.5rem; padding: 0.25rem 0; margin-bottom: 0.75rem; }
  td { border: 0; padding: 0.25rem 0.5rem; }
  td::before { content: attr(data-label); display: block; font-size: 0.8rem; color: #4a525c; font-weight: 600; }
  main { padding: 0.75rem; }
  button { width: 100%; }
}
`;
