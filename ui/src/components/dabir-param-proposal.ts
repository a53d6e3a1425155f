/**
 * «پیشنهاد مقدار جدید»: a new value for one parameter, typed by the parameter (a number with its bounds and unit, yes
 * or no, a text, a Jalali date, an editable table of its columns), with the resolution's effective date, title,
 * number and reference. «بررسی» drafts it on the server (nothing written) and shows, in Persian, what would change:
 * the problems at their fields, the files, and each scenario whose verdict the new value turns, with why — the
 * administrator may accept a scenario's new verdict as its expectation. «انتشار» publishes everything as one change
 * set, after a confirmation that says from when new cases are judged by the new value.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type EffectiveParameter, type ProposalBody, type ProposalReport, type Words } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { clearDefinitionCache } from '../definitions.js';
import { d, date, getLang, jalali, parseNumber, show, t, tx } from '../i18n/index.js';
import { confirmAction } from './dabir-confirm.js';
import { base } from './styles.js';
import './dabir-jalali-input.js';
import './dabir-problem.js';
import './dabir-table-editor.js';

type Said = Words;

@customElement('dabir-param-proposal')
export class DabirParamProposal extends LitElement {
  static override styles = [base, css`
    :host { display: block; margin-block-start: 0.9rem; border-block-start: 2px solid var(--d-border, #c9d1dc); padding-block-start: 0.8rem; }
    .fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 1rem; }
    .fields .wide { grid-column: 1 / -1; }
    .field input:not([type='checkbox']):not([type='radio']) { width: 100%; }
    .value-row { display: flex; gap: 0.4rem; align-items: center; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; margin-block: 0.4rem 0.8rem; }
    ul.changes { list-style: none; padding: 0; margin: 0.4rem 0; }
    ul.changes li { border: 1px solid var(--d-border, #c9d1dc); border-radius: 8px; padding: 0.6rem 0.8rem; margin-block-end: 0.5rem; }
    ul.changes li[data-after='failed'] { border-inline-start: 4px solid var(--d-danger, #a4161a); }
    ul.changes li[data-after='passed'] { border-inline-start: 4px solid var(--d-ok, #146c43); }
    .why { margin: 0 0 0.4rem; }
    pre.diff { direction: ltr; text-align: left; background: #0f172a; color: #e2e8f0; padding: 0.6rem; border-radius: 8px; overflow: auto; max-height: 40vh; font-size: 12px; white-space: pre; }
    fieldset.bool { border: none; padding: 0; margin: 0; display: flex; gap: 1rem; }
    .en { direction: ltr; unicode-bidi: isolate; }
  `];

  @property({ attribute: false }) parameter!: EffectiveParameter;
  @state() private raw = '';
  @state() private bool = false;
  @state() private rows: Record<string, unknown>[] = [];
  @state() private on = jalali.formatYmd(jalali.todayJalali());
  @state() private titleFa = '';
  @state() private titleEn = '';
  @state() private number = '';
  @state() private refFa = '';
  @state() private refEn = '';
  @state() private report?: ProposalReport;
  /** Turned scenarios whose expectation the administrator accepts. */
  @state() private chosen = new Set<string>();
  @state() private published = '';
  private readonly check = new ActionController(this);
  private readonly publishing = new ActionController(this);
  private started = false;

  constructor() {
    super();
    new LocaleController(this);
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('parameter') && this.parameter && !this.started) {
      // Starts from the value in force, so a change is an edit of it.
      this.started = true;
      const v = this.parameter.value;
      if (this.parameter.type === 'table') this.rows = Array.isArray(v) ? structuredClone(v as Record<string, unknown>[]) : [];
      else if (this.parameter.type === 'boolean') this.bool = v === true;
      else this.raw = v === null || v === undefined ? '' : typeof v === 'number' ? d(String(v)) : String(v);
    }
  }

  private get key() {
    return this.parameter.id.replace(/[^a-z0-9]+/gi, '-');
  }

  /** The value as the parameter's type wants it (a number typed in any digits; what does not read stays as typed). */
  private value(): unknown {
    const p = this.parameter;
    if (p.type === 'table') return this.rows;
    if (p.type === 'boolean') return this.bool;
    if (p.type === 'number' || p.type === 'integer') {
      const v = parseNumber(this.raw);
      return this.raw.trim() === '' ? null : Number.isNaN(v) ? this.raw : v;
    }
    return this.raw;
  }

  private body(updateScenarios: string[] = []): ProposalBody {
    return {
      value: this.value(), date: this.on, number: this.number.trim() || undefined,
      title: { fa: this.titleFa, ...(this.titleEn.trim() ? { en: this.titleEn } : {}) },
      ...(this.refFa.trim() ? { reference: { fa: this.refFa, ...(this.refEn.trim() ? { en: this.refEn } : {}) } } : {}),
      updateScenarios,
    };
  }

  /** Any edit makes the last report stale: it must be checked again before publishing. */
  private edited() {
    this.report = undefined;
    this.published = '';
  }

  private async draft(updates: string[] = []) {
    const r = await this.check.run(() => api.proposeParameter(this.parameter.id, this.body(updates)));
    if (!r) return;
    this.report = r;
    if (!updates.length) this.chosen = new Set(r.changes.filter((c) => c.expect && !c.after.passed).map((c) => c.id));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-report]')?.focus();
  }

  private async publish() {
    const r = this.report;
    if (!r?.ok || !r.resolution) return;
    const when = date(r.resolution.date);
    const ok = await confirmAction({
      title: t('publishProposalTitle', { title: tx(r.resolution.title) }),
      body: [
        r.inForce ? t('publishInForce', { date: when }) : t('publishScheduled', { date: when }),
        t('publishRunning'),
        t('publishFiles', { files: r.files.map((f) => f.path).join(t('listSep')) }),
      ],
      confirmLabel: t('publishProposal'),
    });
    if (!ok) return;
    const v = await this.publishing.run(() => api.publishChanges(r.files.map((f) => ({ path: f.path, content: f.content })), tx(r.resolution!.title), r.baseVersion));
    if (!v) return;
    this.published = v.hash;
    clearDefinitionCache();
    this.dispatchEvent(new CustomEvent('proposal-published', { detail: { version: v.hash }, bubbles: true, composed: true }));
  }

  private fieldError(path: string): Said | undefined {
    return this.report?.fieldErrors.find((e) => e.path === path)?.message;
  }

  private said(s: Said) {
    return getLang() === 'en' ? s.en : s.fa;
  }

  private errorOf(path: string, id: string) {
    const e = this.fieldError(path);
    return e ? html`<span class="error-text" id=${`${id}-err`}>${this.said(e)}</span>` : nothing;
  }

  private renderValue() {
    const p = this.parameter;
    const id = `${this.key}-value`;
    const err = this.fieldError('/value');
    if (p.type === 'table') {
      return html`<div class="field wide"><span id=${id}>${t('newValue')}</span>
        <dabir-table-editor id-prefix=${id} .columns=${p.columns} .rows=${this.rows} label=${tx(p.label)}
          @rows-changed=${(e: CustomEvent<{ rows: Record<string, unknown>[] }>) => { this.rows = e.detail.rows; this.edited(); }}></dabir-table-editor>
        ${this.errorOf('/value', id)}</div>`;
    }
    if (p.type === 'boolean') {
      return html`<fieldset class="field bool"><legend>${t('newValue')}</legend>
        <label><input type="radio" name=${id} .checked=${this.bool} @change=${() => { this.bool = true; this.edited(); }} /> ${t('yes')}</label>
        <label><input type="radio" name=${id} .checked=${!this.bool} @change=${() => { this.bool = false; this.edited(); }} /> ${t('no')}</label></fieldset>`;
    }
    if (p.type === 'date') {
      return html`<div class="field"><label for=${id}>${t('newValue')}</label>
        <dabir-jalali-input input-id=${id} .value=${this.raw} ?invalid=${Boolean(err)}
          @value-changed=${(e: CustomEvent<{ value: string }>) => { this.raw = e.detail.value; this.edited(); }}></dabir-jalali-input>${this.errorOf('/value', id)}</div>`;
    }
    const numeric = p.type === 'number' || p.type === 'integer';
    const b = p.bounds ?? {};
    const hint = b.min !== undefined && b.max !== undefined ? t('boundsBetween', { min: b.min, max: b.max })
      : b.min !== undefined ? t('boundsMin', { min: b.min }) : b.max !== undefined ? t('boundsMax', { max: b.max }) : '';
    return html`<div class="field"><label for=${id}>${t('newValue')}</label>
      <div class="value-row"><input id=${id} inputmode=${numeric ? 'decimal' : nothing} dir=${numeric ? 'ltr' : nothing} .value=${this.raw}
        aria-invalid=${err ? 'true' : 'false'} aria-describedby=${`${id}-hint ${err ? `${id}-err` : ''}`}
        @input=${(e: Event) => { this.raw = (e.target as HTMLInputElement).value; this.edited(); }} />
        ${p.unitLabel ? html`<span class="muted">${tx(p.unitLabel)}</span>` : nothing}</div>
      <span class="small muted" id=${`${id}-hint`}>${[t('valueNow', { value: show(p.value) }), hint].filter(Boolean).join(t('clauseSep'))}</span>
      ${this.errorOf('/value', id)}</div>`;
  }

  private text(id: string, label: string, value: string, set: (v: string) => void, opts: { required?: boolean; en?: boolean; path?: string } = {}) {
    const err = opts.path ? this.fieldError(opts.path) : undefined;
    return html`<div class="field"><label for=${id}>${label}${opts.required ? html`<span class="error-text" aria-hidden="true"> *</span>` : nothing}</label>
      <input id=${id} .value=${value} dir=${opts.en ? 'ltr' : nothing} ?required=${opts.required} aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${err ? `${id}-err` : nothing} @input=${(e: Event) => { set((e.target as HTMLInputElement).value); this.edited(); }} />
      ${opts.path ? this.errorOf(opts.path, id) : nothing}</div>`;
  }

  private renderReport(r: ProposalReport) {
    const turned = r.changes;
    const pending = turned.filter((c) => this.chosen.has(c.id) && !c.updated);
    return html`<section class="card" data-report tabindex="-1" aria-live="polite" aria-labelledby=${`${this.key}-rep`} data-ok=${r.ok ? 'true' : 'false'}>
      <h3 id=${`${this.key}-rep`}>${t('proposalReport')}</h3>
      ${r.fieldErrors.length ? html`<div class="alert error" role="alert"><strong>${t('formHasErrors', { n: r.fieldErrors.length })}</strong>
        <ul>${r.fieldErrors.map((e) => html`<li>${this.said(e.message)}</li>`)}</ul></div>` : nothing}
      ${r.errors.length ? html`<div class="alert error" role="alert"><strong>${t('invalid', { n: r.errors.length })}</strong>
        <ul>${r.errors.map((e) => html`<li><span class="mono small">${e.file}:${d(e.line)}:${d(e.col)}</span> ${getLang() === 'en' ? e.message : e.message_fa ?? e.message}
          ${getLang() === 'en' ? nothing : html`<div class="small muted en">${e.message}</div>`}</li>`)}</ul></div>` : nothing}
      ${r.resolution ? html`<p>${r.inForce ? t('proposalInForce', { date: date(r.resolution.date) }) : t('proposalScheduled', { date: date(r.resolution.date) })}</p>` : nothing}
      ${r.scenarios ? html`<p class="small">${t('scenariosBeforeAfter', {
        before: t('scenarioSummary', { passed: r.scenarios.before.passed, failed: r.scenarios.before.failed }),
        after: t('scenarioSummary', { passed: r.scenarios.after.passed, failed: r.scenarios.after.failed }),
      })}</p>` : nothing}
      ${r.scenarios ? (turned.length ? html`<p><strong>${t('proposalTurns', { n: turned.length })}</strong></p>
        <ul class="changes">${turned.map((c) => html`<li data-scenario=${c.id} data-after=${c.after.passed ? 'passed' : 'failed'}>
          <p class="why">${this.said(c.why)}</p>
          ${c.updated ? html`<span class="badge ok">${t('expectationUpdated')}</span>`
            : c.expect ? html`<label><input type="checkbox" .checked=${this.chosen.has(c.id)} @change=${(e: Event) => {
                const next = new Set(this.chosen);
                if ((e.target as HTMLInputElement).checked) next.add(c.id);
                else next.delete(c.id);
                this.chosen = next;
              }} /> ${t('updateExpectation')}</label>`
            : !c.after.passed ? html`<p class="small error-text">${t('cannotUpdate')}</p>` : nothing}
        </li>`)}</ul>` : html`<p>${t('proposalNoTurn')}</p>`) : nothing}
      ${pending.length ? html`<p><button type="button" class="secondary" data-update @click=${() => this.draft([...this.chosen])} ?disabled=${this.check.pending}>
        ${t('applyUpdates', { n: pending.length })}</button></p>` : nothing}
      ${r.files.length ? html`<details><summary>${t('filesChanged', { n: r.files.length })}</summary>
        ${r.files.map((f) => html`<h4 class="mono small">${f.path}</h4><pre class="diff" tabindex="0">${f.diff}</pre>`)}</details>` : nothing}
      ${r.ok ? html`<div class="alert ok" role="status">${t('proposalOk')}</div>` : nothing}
    </section>`;
  }

  private close() {
    this.dispatchEvent(new CustomEvent('proposal-closed', { bubbles: true, composed: true }));
  }

  override render() {
    const p = this.parameter;
    if (!p) return nothing;
    const id = this.key;
    const r = this.report;
    if (this.published) {
      return html`<div class="alert ok" role="status" data-published>${t('proposalPublished')}</div>
        <button type="button" class="secondary" @click=${() => this.close()}>${t('close')}</button>`;
    }
    return html`<form @submit=${(e: Event) => { e.preventDefault(); void this.draft(); }} aria-labelledby=${`${id}-h`} novalidate>
      <h3 id=${`${id}-h`}>${t('proposeValueOf', { label: tx(p.label) })}</h3>
      <div class="fields">
        ${this.renderValue()}
        <div class="field"><label for=${`${id}-date`}>${t('effectiveDate')}<span class="error-text" aria-hidden="true"> *</span></label>
          <dabir-jalali-input input-id=${`${id}-date`} .value=${this.on} required ?invalid=${Boolean(this.fieldError('/date'))}
            @value-changed=${(e: CustomEvent<{ value: string }>) => { this.on = e.detail.value; this.edited(); }}></dabir-jalali-input>
          ${this.errorOf('/date', `${id}-date`)}</div>
        ${this.text(`${id}-tfa`, t('resolutionTitleFa'), this.titleFa, (v) => (this.titleFa = v), { required: true, path: '/title/fa' })}
        ${this.text(`${id}-ten`, t('resolutionTitleEn'), this.titleEn, (v) => (this.titleEn = v), { en: true })}
        ${this.text(`${id}-no`, t('resolutionNumber'), this.number, (v) => (this.number = v))}
        ${this.text(`${id}-rfa`, t('referenceFa'), this.refFa, (v) => (this.refFa = v))}
        ${this.text(`${id}-ren`, t('referenceEn'), this.refEn, (v) => (this.refEn = v), { en: true })}
      </div>
      <div class="actions">
        <button type="submit" data-check ?disabled=${this.check.pending}>${this.check.pending ? t('checkingProposal') : t('checkProposal')}</button>
        <button type="button" data-publish ?disabled=${!r?.ok || this.publishing.pending || Boolean(this.published)} @click=${() => this.publish()}>
          ${this.publishing.pending ? t('saving') : t('publishProposal')}</button>
        <button type="button" class="secondary" @click=${() => this.close()}>${t('close')}</button>
      </div>
      <dabir-problem .error=${this.check.error ?? this.publishing.error}></dabir-problem>
    </form>
    ${r ? this.renderReport(r) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-param-proposal': DabirParamProposal;
  }
}
