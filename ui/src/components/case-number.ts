/**
 * A case's human number as people read it: localised digits, always left to right. Inside Persian text digits after
 * Persian letters are laid out as Arabic numbers, so "1405-0023" would read "0023-1405"; the number is isolated.
 */
import { html } from 'lit';
import { d } from '../i18n/index.js';

/** The number for a template: an isolated left-to-right run. */
export const caseNo = (n: string) => html`<bdi dir="ltr" data-number>${d(n)}</bdi>`;

/** The number inside a sentence (plain text): wrapped in a left-to-right isolate (U+2066 … U+2069). */
export const caseNoText = (n: string) => `\u2066${d(n)}\u2069`;
