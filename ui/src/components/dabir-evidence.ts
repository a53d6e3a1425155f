/**
 * The evidence a task decides on, beside its form: what the earlier steps recorded (each answer by its label; an
 * inspection's checklist item by item with pass or fail), the case's key values, the rules its outcomes check and the
 * start's conditions with their result now, and the parameters its step names (a table as a table). All from
 * GET /cases/{id}/tasks/{task}/evidence: labels and words come from the definitions.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api, type DocumentMeta, type Evidence, type EvidenceValue as ShownValue } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { d, date, show, t, tx } from '../i18n/index.js';
import * as defs from '../definitions.js';
import { actorText } from './actor.js';
import { base } from './styles.js';
import { isWithheld, withheldMark } from './withheld.js';

@customElement('dabir-evidence')
export class DabirEvidence extends LitElement {
  static override styles = [base, css`
    :host { margin-block: 0.6rem 1rem; }
    details { border: 1px solid var(--d-border, #c9d1dc); border-radius: 8px; padding: 0.5rem 0.8rem; background: var(--d-surface-2, #f8fafc); }
    summary { font-weight: 700; cursor: pointer; }
    h4 { margin: 0.8rem 0 0.3rem; font-size: 0.95rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0; }
    dt { color: var(--d-muted, #4a5666); }
    dd { margin: 0; }
    table { font-size: 0.92em; }
    .pass { color: var(--d-ok, #146c43); font-weight: 600; }
    .fail { color: var(--d-danger, #a4161a); font-weight: 700; }
    tr.failed { background: var(--d-danger-soft, #fdecec); }
    ul.rules { list-style: none; padding: 0; margin: 0; }
    ul.rules li { padding: 0.15rem 0; }
    .scroll { overflow-x: auto; }
  `];

  @property() caseId = '';
  @property() taskId = '';
  /** The case's procedure (to name who recorded a step by its role when no name is known). */
  @property() procedureId = '';
  /** Changes whenever the case does, so the evidence is read again. */
  @property({ type: Number }) version = 0;
  @property({ attribute: false }) documents: DocumentMeta[] = [];

  private readonly evidence = new ResourceController<[string, string, number], Evidence>(
    this, ([c, task]) => api.taskEvidence(c, task), () => (this.caseId && this.taskId ? [this.caseId, this.taskId, this.version] : undefined),
  );

  constructor() {
    super();
    new LocaleController(this);
  }

  /** A value as people read it: its words when the server gave them, else by its kind (dates, numbers, documents). */
  private value(v: ShownValue): string {
    if (v.display) return tx(v.display);
    if (v.type === 'file' && typeof v.value === 'string') return this.documents.find((x) => x.id === v.value)?.name ?? t('documents');
    return show(v.value);
  }

  private fields(values: ShownValue[]) {
    if (!values.length) return nothing;
    return html`<dl>${values.map((v) => html`<dt>${tx(v.label)}</dt><dd data-field=${v.key}><bdi>${this.value(v)}</bdi></dd>`)}</dl>`;
  }

  override render() {
    const e = this.evidence.value;
    if (!e?.shown) return nothing;
    const byOutcome = e.rules.filter((r) => r.outcome !== undefined);
    const start = e.rules.filter((r) => r.outcome === undefined);
    const ruleLine = (r: Evidence['rules'][number]) => html`<li data-rule=${r.rule}>
      <span class=${r.passed === false ? 'fail' : r.passed ? 'pass' : 'muted'}>${r.passed === false ? '✗' : r.passed ? '✓' : '…'}</span>
      ${tx(r.label)}: ${r.passed === false ? t('ruleFails') : r.passed ? t('ruleHolds') : t('ruleDepends')}
      ${r.passed === false && r.message ? html`<div class="small">${tx(r.message)}</div>` : nothing}</li>`;
    return html`<details open data-evidence>
      <summary>${t('evidence')}</summary>
      ${e.steps.map((s) => html`<section data-evidence-step=${s.step}>
        <h4>${tx(s.label)}${isWithheld(s.outcome) ? html` — ${withheldMark(s.outcome)}` : s.outcomeLabel ? html` — <span class=${s.outcome === 'fail' ? 'fail' : ''}>${tx(s.outcomeLabel)}</span>` : nothing}</h4>
        ${s.at ? html`<p class="small muted">${t('recordedBy', { when: date(s.at, { time: true }), who: s.by ? actorText(s.by, [defs.stepOf(this.procedureId, s.step)?.role].filter((r): r is string => Boolean(r))) : t('system') })}</p>` : nothing}
        ${s.checklist ? html`<div class="scroll"><table data-checklist>
          <caption class="sr-only">${tx(s.checklist.title)}</caption>
          <thead><tr><th scope="col">${t('item')}</th><th scope="col">${t('answer')}</th><th scope="col">${t('result')}</th></tr></thead>
          <tbody>${s.checklist.items.map((i) => html`<tr data-item=${i.key} class=${i.applicable && !i.passed && i.critical ? 'failed' : ''}>
            <td>${tx(i.label)}</td>
            <td><bdi>${i.applicable ? (i.value === undefined ? '—' : this.value(i)) : t('notApplicable')}</bdi></td>
            <td>${!i.applicable ? '—' : i.passed ? html`<span class="pass">${t('itemPassed')}</span>` : html`<span class="fail">${t('itemFailed')}</span>`}</td>
          </tr>`)}</tbody></table></div>` : nothing}
        ${this.fields(s.fields)}
        ${(s.items ?? []).map((a) => html`<p><strong>${d(a.item)}</strong>: ${tx(a.outcomeLabel ?? { fa: a.outcome })}</p>${this.fields(a.fields)}`)}
      </section>`)}
      ${e.input.length ? html`<h4>${t('evidenceInput')}</h4>${this.fields(e.input)}` : nothing}
      ${e.rules.length ? html`<h4>${t('evidenceRules')}</h4>
        ${byOutcome.length ? html`<ul class="rules">${byOutcome.map((r) => html`${ruleLine(r)}`)}</ul>` : nothing}
        ${start.length ? html`<p class="small muted">${t('startConditions')}</p><ul class="rules">${start.map(ruleLine)}</ul>` : nothing}` : nothing}
      ${e.parameters.map((p) => html`<section data-parameter=${p.id}>
        <h4>${tx(p.label)}</h4>
        ${p.resolution ? html`<p class="small muted">${t('resolution')}: ${tx(p.resolution.title)} — ${t('effectiveFrom')} ${date(p.resolution.date)}</p>` : nothing}
        ${p.columns && p.rows ? html`<div class="scroll"><table>
          <thead><tr>${p.columns.map((c) => html`<th scope="col">${tx(c.label)}</th>`)}</tr></thead>
          <tbody>${p.rows.map((row) => html`<tr>${p.columns!.map((c) => html`<td><bdi>${row[c.key]?.display ? tx(row[c.key].display) : show(row[c.key]?.value)}</bdi></td>`)}</tr>`)}</tbody>
        </table></div>` : html`<p><bdi>${show(p.value)}</bdi></p>`}
      </section>`)}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-evidence': DabirEvidence;
  }
}
