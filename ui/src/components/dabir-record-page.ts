/**
 * One registry record's page (`#/registry/<entity>/<key>`): its title and subtitle, «بایگانی شده» when retired (when and
 * why), every labelled field as people read it, the cases that name it (links, by case number and procedure label)
 * and its history — what the cases of which it is the subject ended with, by date. Users who keep the registry edit, retire and restore it here.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type EntityType, type RecordCases, type Retirement } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { date, show, t, tx, type StringKey } from '../i18n/index.js';
import { href } from '../router.js';
import { caseNo } from './case-number.js';
import { confirmAction } from './dabir-confirm.js';
import { cellText, fieldColumns, recordHeading } from './registry-model.js';
import { base, cards } from './styles.js';
import './dabir-problem.js';
import './dabir-record-editor.js';

const STATUS: Record<string, StringKey> = { active: 'statusActive', ended: 'statusEnded', cancelled: 'statusCancelled', failed: 'statusFailed' };

/** Retires (asking the reason, after saying what it means) or restores a record; resolves with whether it happened. */
export async function retireOrRestore(action: ActionController, type: EntityType, id: string, name: string, retired: boolean, version?: number): Promise<boolean> {
  if (retired) return (await action.run(() => api.restoreRecord(type.id, id, version), `restore:${id}`)) !== undefined;
  const ok = await confirmAction({ title: t('retireTitle', { name }), body: [t('retireBody')], confirmLabel: t('retire'), danger: true, reason: { label: t('retireReason') } });
  if (!ok) return false;
  return (await action.run(() => api.retireRecord(type.id, id, ok.reason, version), `retire:${id}`)) !== undefined;
}

@customElement('dabir-record-page')
export class DabirRecordPage extends LitElement {
  static override styles = [base, cards, css`
    .head { display: flex; gap: 0.8rem; align-items: baseline; flex-wrap: wrap; }
    .sub { color: var(--d-muted, #4a5666); margin-block-start: 0; }
    dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
    dl.fields dd { margin: 0; }
    .table-wrap { overflow-x: auto; }
    ol.history { padding-inline-start: 1.2rem; }
  `];

  @property() entity = '';
  @property({ attribute: 'record-id' }) recordId = '';
  @state() private editing = false;
  @state() private notice = '';

  private readonly types = new ResourceController<[], EntityType[]>(this, () => defs.entityTypes(), () => []);
  private readonly rec = new ResourceController<[string, string], Record<string, unknown>>(
    this, ([e, id]) => api.record(e, id), () => (this.entity && this.recordId ? [this.entity, this.recordId] : undefined),
  );
  private readonly cases = new ResourceController<[string, string], RecordCases>(
    this, ([e, id]) => api.recordCases(e, id), () => (this.entity && this.recordId ? [this.entity, this.recordId] : undefined),
  );
  private readonly action = new ActionController(this);

  constructor() {
    super();
    new LocaleController(this);
    new StoreController(this, defs.definitionsVersion);
  }

  private async toggleRetired(type: EntityType, rec: Record<string, unknown>, name: string) {
    const retired = Boolean(rec.$retired);
    if (await retireOrRestore(this.action, type, this.recordId, name, retired, rec.$version as number | undefined)) {
      this.notice = t(retired ? 'restoredDone' : 'retiredDone', { name });
      defs.forgetRecord(type.id, this.recordId);
      defs.forgetEntityTypes();
      await this.rec.reload();
    }
  }

  private async saved() {
    this.editing = false;
    await this.rec.reload();
    const type = this.types.value?.find((x) => x.id === this.entity);
    if (type && this.rec.value) this.notice = t('recordSaved', { name: recordHeading(type, this.rec.value).title });
  }

  private renderCases(c: RecordCases) {
    return html`<section class="card" aria-labelledby="cases-h" data-record-cases>
      <h2 id="cases-h">${t('casesNaming')}</h2>
      ${c.items.length ? html`<div class="table-wrap"><table class="cards">
        <thead><tr><th scope="col">${t('caseNumberCol')}</th><th scope="col">${t('procedureCol')}</th><th scope="col">${t('roleCol')}</th>
          <th scope="col">${t('status')}</th><th scope="col">${t('startedOnCol')}</th></tr></thead>
        <tbody>${c.items.map((x) => html`<tr data-case=${x.id}>
          <td data-label=${t('caseNumberCol')}><a href=${href('cases', x.id)}>${x.number ? caseNo(x.number) : tx(x.procedureLabel)}</a></td>
          <td data-label=${t('procedureCol')}>${tx(x.procedureLabel)}</td>
          <td data-label=${t('roleCol')}>${x.subject ? t('asSubject') : t('namedInCase')}</td>
          <td data-label=${t('status')}>${STATUS[x.status] ? t(STATUS[x.status]) : x.status}</td>
          <td data-label=${t('startedOnCol')}>${show(x.startedOn)}</td></tr>`)}</tbody>
      </table></div>` : html`<p class="muted">${t('casesNamingNone')}</p>`}
      <h2 id="history-h">${t('recordHistory')}</h2>
      ${c.history.length ? html`<ol class="history" aria-labelledby="history-h" data-record-history>${c.history.map((h) => html`<li>
          <span>${show(h.on)}</span> — <strong>${tx(h.resultLabel)}</strong> (${tx(h.procedureLabel)}${h.number ? html`، <a href=${href('cases', h.caseId)}>${caseNo(h.number)}</a>` : nothing})</li>`)}</ol>`
        : html`<p class="muted">${t('recordHistoryNone')}</p>`}
    </section>`;
  }

  override render() {
    const type = this.types.value?.find((x) => x.id === this.entity);
    const rec = this.rec.value;
    if (!type || !rec) {
      return html`<dabir-problem .error=${this.rec.error ?? this.types.error}></dabir-problem>${this.rec.error ? nothing : html`<p role="status">${t('loading')}</p>`}`;
    }
    const { title, subtitle } = recordHeading(type, rec);
    const retired = rec.$retired as Retirement | null | undefined;
    const missing = t('notInRegistry');
    const fields = fieldColumns(type).filter((c) => rec[c.key] !== undefined && rec[c.key] !== null && rec[c.key] !== '');
    return html`
      <p><a href=${href('registry', type.id)}>${t('backToRegistry', { type: tx(type.label) })}</a></p>
      <div class="head"><h1 data-record-title>${title}</h1>${retired ? html`<span class="badge warn" data-retired>${t('retired')}</span>` : nothing}</div>
      ${subtitle ? html`<p class="sub">${subtitle}</p>` : nothing}
      ${retired ? html`<p class="alert warn" data-retired-note>${t('retiredOn', { date: date(retired.at), reason: retired.reason })}</p>` : nothing}
      <div role="status">${this.notice ? html`<p class="alert ok">${this.notice}</p>` : nothing}</div>
      <dabir-problem .error=${this.action.error}></dabir-problem>
      ${type.keep ? html`<div class="row">
        <button type="button" class="secondary" data-edit ?disabled=${this.editing || Boolean(retired)} @click=${() => { this.editing = true; this.notice = ''; }}>${t('edit')}</button>
        <button type="button" class=${retired ? 'secondary' : 'danger'} data-retire=${retired ? 'restore' : 'retire'} ?disabled=${this.action.pending}
          @click=${() => this.toggleRetired(type, rec, title)}>${retired ? t('restore') : t('retire')}</button>
      </div>` : nothing}
      ${this.editing ? html`<div class="card"><dabir-record-editor entity=${type.id} .recordId=${this.recordId}
        @record-saved=${() => this.saved()} @record-cancelled=${() => (this.editing = false)}></dabir-record-editor></div>` : nothing}
      <section class="card" aria-labelledby="fields-h">
        <h2 id="fields-h">${t('recordFields')}</h2>
        <dl class="fields">${fields.map((c) => html`<dt>${c.label}</dt><dd data-field=${c.key}>${cellText(type, rec, c.key, missing)}</dd>`)}
          ${type.computed.map((k) => html`<dt>${tx(type.computedLabels?.[k]) || k}</dt><dd data-field=${k}>${show(rec[k])}</dd>`)}</dl>
      </section>
      <dabir-problem .error=${this.cases.error}></dabir-problem>
      ${this.cases.value ? this.renderCases(this.cases.value) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-record-page': DabirRecordPage;
  }
}
