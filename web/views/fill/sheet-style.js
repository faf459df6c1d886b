// The Fill screen's own styles (the cards/worksheet switch, the search, the worksheet table, the
// number fields), adopted as a constructed stylesheet when the screen's module loads: the first
// screen's style.css does not carry them (CSP allows constructed stylesheets; no <style> element,
// no style attribute). A browser without adoptedStyleSheets shows the same controls unstyled.

const CSS = `
/* Compact enough for >= 15 rows at 1366x768 with the header, notice and live score in view. */
.view-switch { display: inline-flex; }
.view-switch button { border-radius: 0; }
.view-switch button:first-child { border-radius: var(--radius) 0 0 var(--radius); }
.view-switch button:last-child { border-radius: 0 var(--radius) var(--radius) 0; margin-left: -1px; }
.view-switch button[aria-pressed="true"] { background: var(--accent); color: var(--accent-ink); border-color: var(--accent); }
.cards-find { flex-basis: 100%; display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.6rem; }
.cards-find label { font-weight: 700; }
.cards-find input { width: 16rem; }
kbd { font-family: ui-monospace, monospace; font-size: 0.8em; border: 1px solid #8a8a96; border-bottom-width: 2px; border-radius: 3px; padding: 0 0.25rem; background: #fff; color: var(--ink); }
.fill-layout.sheet { grid-template-columns: minmax(0, 1fr) 16rem; margin-top: 0.3rem; gap: 0.8rem; }
.fill-layout.sheet .toolbar { padding: 0.15rem 0; gap: 0.3rem 0.6rem; }
.fill-layout.sheet .toolbar .who { font-size: 0.9rem; }
.fill-layout.sheet .toolbar button, .fill-layout.sheet .toolbar .button { font-size: 0.8rem; padding: 0.1rem 0.5rem; min-height: 1.75rem; }
.fill-layout.sheet .region-edit { margin: 0.1rem 0; }
.fill-layout.sheet .region-edit > summary { font-size: 0.9rem; padding: 0; }
.sh-find { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.2rem 0.4rem; padding: 0.15rem 0; }
.sh-filter { display: flex; flex-direction: column; font-size: 0.8rem; min-width: 0; }
.sh-filter label { font-weight: 700; }
.sh-filter select, .sh-filter input { font-size: 0.8rem; padding: 0.1rem 0.25rem; max-width: 10.5rem; }
.sh-q input { width: 10rem; }
.sh-next { font-size: 0.8rem; padding: 0.1rem 0.4rem; min-height: 1.6rem; }
.sh-meta { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1rem; }
.sh-keys { font-size: 0.75rem; margin: 0; }
.sh-shown { margin: 0; font-size: 0.75rem; color: var(--muted); }
.sh-scroll { overflow: auto; max-height: calc(100vh - var(--sh-top, 12rem) - 0.4rem); min-height: 12rem; border: 1px solid var(--line); scroll-padding-top: 1.6rem; }
.sh-table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 0.8rem; line-height: 1.25; }
.sh-table thead th { position: sticky; top: 0; z-index: 1; background: var(--panel); text-align: left; padding: 0.15rem 0.3rem; border-bottom: 2px solid var(--line); white-space: nowrap; }
.sh-table td, .sh-table tbody th { padding: 0.05rem 0.3rem; border-bottom: 1px solid #e3e3ea; vertical-align: middle; text-align: left; font-weight: 400; }
.sh-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.sh-table th.sh-code { width: 6.9rem; }
.sh-table th.sh-ans { width: 21rem; }
.sh-table th.sh-pts { width: 5.9rem; }
.sh-table th.sh-ev { width: 7.9rem; }
.sh-table th.sh-office { width: 6.8rem; }
.sh-table td.sh-text, .sh-table td.sh-office, .sh-table td.sh-ev { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.sh-table td.sh-pts { white-space: nowrap; }
.sh-more-btn { font-family: ui-monospace, monospace; font-size: 0.75rem; padding: 0.05rem 0.3rem; min-height: 1.45rem; white-space: nowrap; }
.sh-row.open .sh-more-btn { background: var(--panel); }
.sh-row[data-status="todo"] th { box-shadow: inset 4px 0 0 var(--line); }
.sh-row[data-status="done"] th { box-shadow: inset 4px 0 0 var(--ok); }
.sh-row[data-status="invalid"] th { box-shadow: inset 4px 0 0 var(--bad); }
.sh-row:focus-within { background: #eef3ff; }
.sh-table select.sh-choice { width: 100%; font-size: 0.8rem; padding: 0.05rem 0.2rem; }
.sh-num { display: flex; flex-wrap: wrap; align-items: center; gap: 0.1rem 0.3rem; }
.sh-table .num-input { width: 4.4rem; font-size: 0.8rem; padding: 0.05rem 0.25rem; }
.sh-num .frac-op { font-size: 0.9rem; padding: 0; }
.num-field { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.1rem 0.3rem; }
.num-read { font-size: 0.75rem; color: var(--muted); white-space: nowrap; }
.num-said.plain { display: none; }
.num-field:focus-within .num-said.plain { display: inline; }
.num-ask { display: inline-flex; flex-wrap: wrap; gap: 0.2rem; }
.num-ask[hidden] { display: none; }
.num-choice { font-size: 0.75rem; padding: 0.05rem 0.35rem; min-height: 1.45rem; border-color: var(--warn-ink); background: var(--warn-bg); }
.sh-frac-btn { font-size: 0.7rem; padding: 0 0.3rem; min-height: 1.45rem; }
.sh-frac-btn[aria-pressed="true"] { background: var(--panel); font-weight: 700; }
.sh-frac-out { font-size: 0.75rem; font-variant-numeric: tabular-nums; }
.sh-na { font-size: 0.75rem; white-space: nowrap; display: inline-flex; align-items: center; gap: 0.2rem; }
.sh-ev.bad { color: var(--warn-ink); background: var(--warn-bg); font-weight: 700; }
.sh-ans .field-error { font-size: 0.75rem; }
.sh-ans .field-error ul { margin: 0; padding-left: 1rem; }
.sh-more > td { background: #fafafc; padding: 0.4rem 0.8rem 0.6rem; white-space: normal; font-size: 0.9rem; }
.sh-more-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.5rem; }
.sh-more-title { font-size: 0.95rem; margin: 0.2rem 0; }
.sh-more h3 { font-size: 0.9rem; }
.sh-empty td { padding: 1rem; color: var(--muted); }
@media (max-width: 1100px) {
  .fill-layout.sheet { grid-template-columns: minmax(0, 1fr); }
  .sh-scroll { max-height: none; }
}
.num-input[readonly] ~ .num-read { display: none; }
`;

let adopted = false;
export function adoptFillStyles() {
  if (adopted || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
  adopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
