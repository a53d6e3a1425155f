/** A case's timeline: its events in order, with Jalali times and the definitions' labels. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api, type DocumentMeta, type TimelineEvent } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { d, date, show, t, tx, type StringKey } from '../i18n/index.js';
import { session } from '../session.js';
import { base } from './styles.js';

/** Events that only repeat what another event says. */
const QUIET = new Set(['step.completed', 'join.arrived']);

@customElement('dabir-timeline')
export class DabirTimeline extends LitElement {
  static override styles = [base, css`
    ol { list-style: none; margin: 0; padding: 0; border-inline-start: 2px solid var(--d-border, #c9d1dc); }
    li { position: relative; padding: 0.2rem 1rem 0.7rem; }
    li::before { content: ''; position: absolute; inset-inline-start: -7px; top: 0.55rem; width: 12px; height: 12px; border-radius: 50%; background: var(--d-primary, #0f4c81); }
    li.end::before { background: var(--d-ok, #146c43); }
    li.bad::before { background: var(--d-danger, #a4161a); }
    time { font-size: 0.82em; color: var(--d-muted, #4a5666); display: block; }
    .what { font-weight: 600; }
    .detail { font-size: 0.9em; }
  `];

  @property({ attribute: false }) events: TimelineEvent[] = [];
  @property({ attribute: false }) documents: DocumentMeta[] = [];
  @property() procedureId = '';

  constructor() {
    super();
    new LocaleController(this);
    new StoreController(this, defs.definitionsVersion);
  }

  /** The user's own actions say "you"; other users are shown by a short id (the API gives ids, not names). */
  private actorName(id: string) {
    const me = session.get();
    if (me.status === 'signed-in' && me.user.id === id) return me.user.name;
    return html`<span class="mono" title=${id}>${id.slice(0, 8)}</span>`;
  }

  private step(id: string | undefined) {
    return id ? tx(defs.stepLabel(this.procedureId, id)) : '';
  }

  private describe(e: TimelineEvent): { what: StringKey; detail?: unknown; cls?: string } {
    const p = this.procedureId;
    switch (e.type) {
      case 'case.started':
        return { what: 'evStarted' };
      case 'step.entered':
        return { what: 'evEntered', detail: this.step(e.step) };
      case 'task.opened': {
        const task = e.task as { step: string; item?: string; due?: string };
        return { what: 'evOpened', detail: html`${this.step(task.step)}${task.item ? ` — ${task.item}` : ''}${task.due ? html` · ${t('due')}: ${date(task.due)}` : nothing}` };
      }
      case 'task.completed': {
        const checklist = (e.data?.$checklist ?? undefined) as { passed?: boolean; failed?: string[] } | undefined;
        return {
          what: 'evCompleted',
          detail: html`${this.step(e.step)}${e.item ? ` — ${e.item}` : ''} · ${t('outcome')}: <strong>${tx(defs.outcomeLabel(p, e.step ?? '', e.outcome ?? ''))}</strong>
            ${checklist?.failed?.length ? html` (${checklist.failed.join('، ')})` : nothing}`,
        };
      }
      case 'timer.scheduled':
        return { what: 'evTimer', detail: html`${this.step(e.step)} · ${date(e.fireAt, { time: true })}` };
      case 'timer.fired':
        return { what: 'evTimerFired' };
      case 'entity.updated':
      case 'entity.created': {
        const fields = (e.set ?? e.values ?? {}) as Record<string, unknown>;
        return {
          what: e.type === 'entity.updated' ? 'evUpdated' : 'evCreated',
          detail: html`${tx(defs.entityLabel(e.entity ?? ''))} <span class="mono">${String(e.id ?? '')}</span>:
            ${Object.entries(fields).map(([k, v]) => html`<span class="field">${defs.fieldLabel(e.entity ?? '', k)}</span> = ${show(v)}؛ `)}`,
        };
      }
      case 'notification.requested':
        return { what: 'evNotify', detail: html`${tx(defs.roleLabel(e.to ?? ''))}: ${tx(e.message)}` };
      case 'subcase.requested':
      case 'subcase.ended':
        return { what: 'evSubcase', detail: e.result ? tx(defs.resultLabel(p, String(e.result))) : String(e.procedure ?? '') };
      case 'case.ended':
        return { what: 'evEnded', detail: tx(defs.resultLabel(p, e.result ?? '')), cls: 'end' };
      case 'case.cancelled':
        return { what: 'evCancelled', detail: e.reason, cls: 'bad' };
      case 'case.failed':
        return { what: 'evFailed', detail: tx(e.error?.message), cls: 'bad' };
      case 'join.arrived':
        return { what: 'evJoin', detail: this.step(e.step) };
      case 'document.attached': {
        const doc = (e.document ?? {}) as { id?: string; name?: string };
        return { what: 'evDocument', detail: doc.id ? html`<a href=${api.documentUrl(doc.id)} download=${doc.name ?? ''}>${doc.name}</a>` : doc.name };
      }
      default:
        return { what: 'evStepDone', detail: e.type };
    }
  }

  override render() {
    const items = [
      ...this.events.filter((e) => !QUIET.has(e.type)).map((e) => ({ at: e.at, key: `e${e.seq}`, ...this.describe(e), actor: e.actor })),
      // Older servers do not log attachments as events: show them from the document list.
      ...(this.events.some((e) => e.type === 'document.attached') ? [] : this.documents).map((doc) => ({ at: doc.uploadedAt, key: `d${doc.id}`, what: 'evDocument' as StringKey, detail: doc.name, cls: '', actor: undefined })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    if (!items.length) return html`<p class="muted">${t('empty')}</p>`;
    return html`<ol>
      ${items.map((i) => html`<li class=${i.cls ?? ''} data-event=${i.key}>
        <time datetime=${i.at}>${date(i.at, { time: true })}</time>
        <span class="what">${t(i.what)}</span>${i.detail !== undefined && i.detail !== '' ? html`: <span class="detail">${i.detail}</span>` : nothing}
        ${i.actor && i.actor !== 'system' ? html`<span class="muted small"> — ${t('by')} ${this.actorName(i.actor)}</span>` : nothing}
      </li>`)}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-timeline': DabirTimeline;
  }
}
