/** Styles every component adopts: type, controls, focus rings, cards, tables, badges. Logical properties for RTL/LTR. */
import { css } from 'lit';

export const base = css`
  :host { display: block; font-family: var(--d-font, Vazirmatn, Tahoma, sans-serif); color: var(--d-text, #14202e); }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  h1, h2, h3 { line-height: 1.4; margin: 0 0 0.6em; }
  h1 { font-size: 1.45rem; }
  h2 { font-size: 1.15rem; }
  h3 { font-size: 1rem; }
  p { margin: 0 0 0.6em; }
  ol { list-style-type: var(--d-ol, decimal); }
  a { color: var(--d-primary, #0f4c81); }
  :focus-visible { outline: 3px solid var(--d-focus, #b45309); outline-offset: 2px; border-radius: 4px; }
  button, .btn {
    font: inherit; cursor: pointer; border-radius: var(--d-radius, 8px); padding: 0.4em 1em; min-height: 2.4em;
    border: 1px solid var(--d-primary, #0f4c81); background: var(--d-primary, #0f4c81); color: var(--d-primary-text, #fff);
    text-decoration: none; display: inline-flex; align-items: center; gap: 0.4em; justify-content: center;
  }
  button.secondary, .btn.secondary { background: var(--d-surface, #fff); color: var(--d-primary, #0f4c81); }
  button.danger { background: var(--d-danger, #a4161a); border-color: var(--d-danger, #a4161a); }
  button.link { background: none; border: none; color: var(--d-primary, #0f4c81); padding: 0.2em 0.3em; min-height: 0; text-decoration: underline; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  input, select, textarea {
    font: inherit; color: inherit; background: var(--d-surface, #fff); border: 1px solid var(--d-control-border, #838fa1); border-radius: 6px;
    padding: 0.35em 0.6em; min-height: 2.4em; max-width: 100%;
  }
  textarea { min-height: 5em; width: 100%; }
  input[type='checkbox'], input[type='radio'] { min-height: 0; width: 1.1em; height: 1.1em; accent-color: var(--d-primary, #0f4c81); }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--d-danger, #a4161a); border-width: 2px; }
  label { font-weight: 500; }
  .card { background: var(--d-surface, #fff); border: 1px solid var(--d-border, #c9d1dc); border-radius: var(--d-radius, 8px); padding: 1rem 1.2rem; margin-block-end: 1rem; }
  .row { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
  /* A long option (a procedure's full title) must not push a filter past a phone's edge. */
  .row > * { min-width: 0; max-width: 100%; }
  .grow { flex: 1 1 auto; }
  .muted { color: var(--d-muted, #4a5666); }
  .withheld { color: var(--d-muted, #4a5666); font-style: italic; white-space: nowrap; }
  .small { font-size: 0.86em; }
  .field { display: flex; flex-direction: column; gap: 0.25em; margin-block-end: 0.9rem; }
  .error-text { color: var(--d-danger, #a4161a); font-size: 0.9em; }
  .alert { border-radius: var(--d-radius, 8px); padding: 0.75rem 1rem; margin-block-end: 1rem; border: 1px solid; }
  .alert.error { background: var(--d-danger-soft, #fdecec); border-color: var(--d-danger, #a4161a); color: var(--d-danger-text, #5c0b0e); }
  .alert.ok { background: var(--d-ok-soft, #e5f4ec); border-color: var(--d-ok, #146c43); color: var(--d-ok-text, #0b3d26); }
  .alert.warn { background: var(--d-warn-soft, #fff4e0); border-color: var(--d-warn, #8a4b00); color: var(--d-warn-text, #4d2a00); }
  table { border-collapse: collapse; width: 100%; background: var(--d-surface, #fff); }
  th, td { text-align: start; padding: 0.45em 0.6em; border-bottom: 1px solid var(--d-border, #c9d1dc); vertical-align: top; }
  th { background: var(--d-table-head, #eef2f7); font-weight: 600; }
  tbody tr:hover { background: #f6f9fc; }
  .badge { display: inline-block; padding: 0 0.55em; border-radius: 999px; font-size: 0.82em; border: 1px solid currentColor; white-space: nowrap; }
  .badge.danger { color: var(--d-danger, #a4161a); background: var(--d-danger-soft, #fdecec); }
  .badge.ok { color: var(--d-ok, #146c43); background: var(--d-ok-soft, #e5f4ec); }
  .badge.warn { color: var(--d-warn, #8a4b00); background: var(--d-warn-soft, #fff4e0); }
  .badge.info { color: var(--d-primary, #0f4c81); background: var(--d-primary-soft, #e3edf7); }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  /* A table sized by its content ignores a width: as a block it keeps to the 1px of sr-only. */
  table.sr-only { display: block; }
  .ltr { direction: ltr; unicode-bidi: isolate; }
  .mono { font-family: ui-monospace, 'Cascadia Mono', Menlo, Consolas, monospace; direction: ltr; unicode-bidi: isolate; }
  .stack > * + * { margin-block-start: 0.6rem; }
  .tabs { display: flex; gap: 0.25rem; flex-wrap: wrap; border-bottom: 2px solid var(--d-border, #c9d1dc); margin-block-end: 1rem; }
  .tabs a, .tabs button { padding: 0.45em 1em; text-decoration: none; color: var(--d-text, #14202e); border-radius: 6px 6px 0 0; background: none; border: none; min-height: 0; }
  .tabs [aria-current='page'], .tabs [aria-selected='true'] { background: var(--d-primary, #0f4c81); color: #fff; }
  /* A file picker in the page's language: the native control is kept (keyboard, screen readers, tests) but drawn as a
     button whose words are ours, beside the chosen file's name. */
  .file { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.6rem; position: relative; border-radius: 6px; }
  .file:focus-within { outline: 3px solid var(--d-focus, #b45309); outline-offset: 2px; }
  .file input[type='file'] { position: absolute; inset-inline-start: 0; top: 0; width: 1px; height: 1px; opacity: 0; }
  .file .name { color: var(--d-muted, #4a5666); overflow-wrap: anywhere; }
  /* A phone or a touch screen: controls big enough for a finger (44 px). */
  @media (max-width: 720px), (pointer: coarse) {
    button, .btn, select, input:not([type='checkbox']):not([type='radio']):not([type='file']) { min-height: 2.75rem; }
    input[type='checkbox'], input[type='radio'] { width: 1.4em; height: 1.4em; }
  }
`;

/**
 * A table that becomes a list of cards on a narrow screen (a phone): each row a card, each cell a line led by its
 * column's name (`data-label`), the row's action (`td.action`) a full-width button big enough to touch — no sideways
 * scrolling. Add `class="cards"` to the table.
 */
export const cards = css`
  table.cards td.action > * { white-space: nowrap; }
  @media (max-width: 720px) {
    table.cards, table.cards tbody, table.cards tr, table.cards td, table.cards th[scope='row'] { display: block; width: 100%; }
    table.cards th[scope='row'] { border: none; background: none; padding: 0.2rem 0; }
    table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table.cards tr { border: 1px solid var(--d-border, #c9d1dc); border-radius: 10px; margin-block-end: 0.8rem; padding: 0.6rem 0.8rem; background: var(--d-surface, #fff); }
    table.cards td { border: none; padding: 0.2rem 0; display: flex; gap: 0.6rem; align-items: baseline; overflow-wrap: anywhere; }
    table.cards td[data-label]::before { content: attr(data-label); flex: 0 0 6.5em; color: var(--d-muted, #4a5666); font-size: 0.85em; }
    table.cards td.lead { font-weight: 600; }
    table.cards td.action { padding-block-start: 0.5rem; }
    table.cards td.action > * { width: 100%; min-height: 2.75rem; }
  }
`;
