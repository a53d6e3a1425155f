/**
 * A case's timeline: one line per thing that happened, in order, with Jalali times, who acted and the definitions'
 * labels. A step's entry is not a line of its own when another event of the same step at the same moment says more
 * (its task opened, its timer was set, its notice went, its sub-case started, the case ended there); a step's
 * completion is said by its task's.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api, type DocumentMeta, type TimelineEvent } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { date, n, t, tx, type StringKey, type Text } from '../i18n/index.js';
import { href } from '../router.js';
import { actorText, SYSTEM_ACTOR } from './actor.js';
import { displayValue, labelOf, orderedKeys, type ValueNames } from './form-model.js';
import { isWithheld, withheldMark } from './withheld.js';
import { caseNo } from './case-number.js';
import { base } from './styles.js';
import { ADMIN_ROLE } from '../../../engine/model.js';

/** Events that only repeat what another event says. */
const QUIET = new Set(['step.completed', 'join.arrived']);

/** The step an event is about, for the ones that say more than the step's entry. */
function stepOfEvent(e: TimelineEvent): string | undefined {
  if (e.type === 'task.opened') return typeof e.task === 'object' ? e.task?.step : undefined;
  if (['timer.scheduled', 'notification.requested', 'subcase.requested', 'case.ended'].includes(e.type)) return e.step;
  return undefined;
}

/** The events a timeline shows: without the quiet ones and without entries another event of the moment covers. */
export function shownEvents(events: TimelineEvent[]): TimelineEvent[] {
  const covered = new Set(events.flatMap((e) => {
    const step = stepOfEvent(e);
    return step ? [`${step}\u0000${e.at}`] : [];
  }));
  return events.filter((e) => !QUIET.has(e.type) && !(e.type === 'step.entered' && covered.has(`${e.step}\u0000${e.at}`)));
}

@customElement('dabir-timeline')
export class DabirTimeline extends LitElement {
  static override styles = [base, css`
    ol { list-style: none; margin: 0; padding: 0; border-inline-start: 2px solid var(--d-border, #c9d1dc); }
    li { position: relative; padding: 0.2rem 1rem 0.7rem; }
    li::before { content: ''; position: absolute; inset-inline-start: -7px; top: 0.55rem; width: 12px; height: 12px; border-radius: 50%; background: var(--d-primary, #0f4c81); }
    li.end::before { background: var(--d-ok, #146c43); }
    li.bad::before { background: var(--d-danger, #a4161a); }
    li.back::before { background: var(--d-warn, #8a4b00); }
    time { font-size: 0.82em; color: var(--d-muted, #4a5666); display: block; }
    .what { font-weight: 600; }
    .detail { font-size: 0.9em; }
    .fname { color: var(--d-muted, #4a5666); }
    .data { display: block; font-size: 0.9em; }
  `];

  @property({ attribute: false }) events: TimelineEvent[] = [];
  @property({ attribute: false }) documents: DocumentMeta[] = [];
  @property() procedureId = '';
  @property() caseId = '';
  /** The numbers of the cases the timeline links to (its child cases), by id. */
  @property({ attribute: false }) caseNumbers: Record<string, string | null> = {};

  constructor() {
    super();
    new LocaleController(this);
    new StoreController(this, defs.definitionsVersion);
  }

  private step(id: string | undefined) {
    return id ? tx(defs.stepLabel(this.procedureId, id, this.caseId || undefined)) : '';
  }

  private names(): ValueNames {
    return { ref: defs.refTitle, file: (id) => this.documents.find((x) => x.id === id)?.name };
  }

  /** What a task recorded, by its step's form: each filled field's label and its value as people read it. */
  private taskData(step: string | undefined, data: Record<string, unknown> | undefined) {
    // A confidential step's answers the user may not read: that it was answered, not what.
    const formId = step ? defs.stepOf(this.procedureId, step)?.form : undefined;
    const schema = formId ? defs.formDetail(formId)?.schema : undefined;
    if (isWithheld(data)) return html` ${withheldMark(data)}`;
    if (!schema || !data) return nothing;
    const keys = orderedKeys(schema).filter((k) => data[k] !== undefined && data[k] !== null && data[k] !== '');
    if (!keys.length) return nothing;
    const names = this.names();
    return html`<span class="data" data-task-data>${keys.map((k, i) => html`${i ? t('clauseSep') : ''}<span class="fname">${labelOf(schema.properties![k], k)}</span>:
      <bdi>${displayValue(schema.properties![k], data[k], names)}</bdi>`)}</span>`;
  }

  /** The labels of a step's checklist items (the items that failed), once the checklist is loaded. */
  private itemLabels(step: string | undefined, ids: string[]): string {
    const id = step ? defs.stepOf(this.procedureId, step)?.checklist : undefined;
    const list = id ? defs.checklistDetail(id, this.caseId || undefined) : undefined;
    if (!list) return '…';
    return ids.map((x) => tx(list.items.find((i) => i.id === x)?.label ?? { fa: '…' })).join(t('listSep'));
  }

  /** The role of each task of the case (from its `task.opened` event), to name who completed it. */
  private taskRoles(): Map<string, string> {
    const m = new Map<string, string>();
    for (const e of this.events) {
      const task = e.type === 'task.opened' ? (e.task as { id?: string; role?: string } | undefined) : undefined;
      if (task?.id && task.role) m.set(task.id, task.role);
    }
    return m;
  }

  /** What an event says, and the roles whose action it is (to name its actor when no name is known). */
  private describe(e: TimelineEvent, taskRoles: Map<string, string>): { what: StringKey; detail?: unknown; cls?: string; roles?: string[] } {
    const p = this.procedureId;
    const startRoles = defs.procedureDetail(p)?.start.roles ?? [];
    switch (e.type) {
      case 'case.started':
        return { what: 'evStarted', roles: startRoles };
      case 'step.entered':
        return { what: 'evEntered', detail: this.step(e.step) };
      case 'task.opened': {
        const task = e.task as { step: string; role?: string; item?: string; due?: string };
        const waiting = defs.waitingFor(p, task.step);
        return {
          what: 'evOpened',
          detail: html`${this.step(task.step)}${task.item ? ` — ${defs.itemLabel(p, task.step, task.item)}` : ''}${task.role ? html` · ${t('forRole', { role: tx(defs.roleLabel(task.role)) })}` : nothing}${
            waiting ? html` · ${tx(waiting)}` : nothing}${task.due ? html` · ${t('due')}: ${date(task.due)}` : nothing}`,
        };
      }
      case 'task.completed': {
        const checklist = (e.data?.$checklist ?? undefined) as { passed?: boolean; failed?: string[] } | undefined;
        const taskId = typeof e.task === 'string' ? e.task : e.task?.id;
        const role = (taskId && taskRoles.get(taskId)) || defs.stepOf(p, e.step ?? '')?.role;
        return {
          what: 'evCompleted',
          roles: role ? [role] : undefined,
          detail: html`${this.step(e.step)}${e.item ? ` — ${defs.itemLabel(p, e.step ?? '', e.item)}` : ''} · ${t('outcome')}: ${isWithheld(e.outcome) ? withheldMark(e.outcome) : html`<strong>${tx(defs.outcomeLabel(p, e.step ?? '', e.outcome ?? '', this.caseId || undefined))}</strong>`}
            ${checklist?.failed?.length ? html` (${this.itemLabels(e.step, checklist.failed)})` : nothing}${this.taskData(e.step, e.data)}`,
        };
      }
      case 'timer.scheduled':
        return { what: 'evTimer', detail: html`${this.step(e.step)} · ${date(e.fireAt, { time: true })}` };
      case 'timer.fired':
        return { what: 'evTimerFired' };
      case 'entity.updated':
      case 'entity.created': {
        const fields = (e.set ?? e.values ?? {}) as Record<string, unknown>;
        const props = defs.entityType(e.entity ?? '')?.schema.properties;
        const names = this.names();
        return {
          what: e.type === 'entity.updated' ? 'evUpdated' : 'evCreated',
          // The record by its title, never its id.
          detail: html`${tx(defs.entityLabel(e.entity ?? ''))} <bdi>${defs.refTitle(e.entity ?? '', String(e.id ?? '')) ?? t('loading')}</bdi>:
            ${Object.entries(fields).map(([k, v], i) => html`${i ? t('clauseSep') : ''}<span class="fname">${defs.fieldLabel(e.entity ?? '', k)}</span> = ${isWithheld(v) ? withheldMark(v) : html`<bdi>${displayValue(props?.[k], v, names)}</bdi>`}`)}`,
        };
      }
      case 'notification.requested':
        return { what: 'evNotify', detail: html`${tx(defs.roleLabel(e.to ?? ''))}: ${tx(e.message)}` };
      case 'subcase.requested':
      case 'subcase.ended': {
        // The child's procedure (named by the request), its title, and its result in the child's own words.
        const child = String(e.childCaseId ?? '');
        const proc = String(e.procedure ?? this.events.find((x) => x.type === 'subcase.requested' && x.childCaseId === child)?.procedure ?? '');
        const title = proc ? tx(defs.procedureTitle(proc)) : '';
        return {
          what: 'evSubcase',
          detail: html`${child ? html`<a href=${href('cases', child)}>${title || t('case')}${this.caseNumbers[child] ? html` ${caseNo(this.caseNumbers[child]!)}` : nothing}</a>` : title}${e.result ? html` — ${tx(defs.resultLabel(proc, String(e.result)))}` : nothing}`,
        };
      }
      case 'selection.made': {
        // Who was selected, skipped (with the condition failed) and left beyond the capacity, by their records' titles.
        type Entry = { key: string; score?: number; messages?: Text[] };
        const entity = (defs.stepOf(p, e.step ?? '')?.each as { item_entity?: string } | undefined)?.item_entity;
        const name = (x: Entry) => html`<bdi>${(entity ? defs.refTitle(entity, x.key) : x.key) ?? t('loading')}</bdi>${
          typeof x.score === 'number' ? html` (${t('selScore', { score: n(x.score) })})` : nothing}`;
        const list = (xs: Entry[], why = false) => (xs.length ? xs.map((x, i) => html`${i ? t('listSep') : ''}${name(x)}${why && x.messages?.length ? html` — ${x.messages.map((m) => tx(m)).join(t('clauseSep'))}` : nothing}`) : t('selNone'));
        const selected = (e.selected ?? []) as Entry[];
        const skipped = (e.skipped ?? []) as Entry[];
        const beyond = (e.beyond ?? []) as Entry[];
        return {
          what: 'evSelection',
          detail: html`${this.step(e.step)} · ${t('selSelected')}: ${list(selected)}${skipped.length ? html`${t('clauseSep')}${t('selSkipped')}: ${list(skipped, true)}` : nothing}${
            beyond.length ? html`${t('clauseSep')}${t('selBeyond')}: ${list(beyond)}` : nothing}`,
        };
      }
      case 'case.ended':
        return { what: 'evEnded', detail: tx(defs.resultLabel(p, e.result ?? '', this.caseId || undefined)), cls: 'end' };
      case 'case.cancelled':
        // Cancelling is for the roles that start the procedure, and administrators.
        return { what: 'evCancelled', detail: e.reason, cls: 'bad', roles: [...startRoles, ADMIN_ROLE] };
      case 'case.returned': {
        // One line: from where to where, and why; by whom (a role the step lets send it back).
        const from = String(e.from ?? '');
        const roles = defs.stepOf(p, from)?.returns?.find((r) => r.to === e.to)?.roles;
        return {
          what: 'evReturned', roles, cls: 'back',
          detail: html`${t('returnedFromTo', { from: this.step(from), to: this.step(String(e.to ?? '')) })}${e.reason ? html`${t('clauseSep')}<bdi>${e.reason}</bdi>` : nothing}`,
        };
      }
      case 'case.failed':
        return { what: 'evFailed', detail: tx(e.error?.message), cls: 'bad' };
      case 'join.arrived':
        return { what: 'evJoin', detail: this.step(e.step) };
      case 'document.attached': {
        const doc = (e.document ?? {}) as { id?: string; name?: string; taskId?: string | null };
        const role = doc.taskId ? taskRoles.get(doc.taskId) : undefined;
        return {
          what: 'evDocument', roles: role ? [role] : undefined,
          // A confidential step's document: that it was attached, not its name nor a link (its download is refused).
          detail: isWithheld(doc.name) ? withheldMark(doc.name) : doc.id ? html`<a href=${api.documentUrl(doc.id)} download=${doc.name ?? ''}><bdi>${doc.name}</bdi></a>` : html`<bdi>${doc.name}</bdi>`,
        };
      }
      default:
        return { what: 'evStepDone', detail: e.type };
    }
  }

  override render() {
    const taskRoles = this.taskRoles();
    type Item = { at: string; key: string; what: StringKey; detail?: unknown; cls?: string; roles?: string[]; actor?: string };
    const items: Item[] = [
      ...shownEvents(this.events).map((e) => ({ at: e.at, key: `e${e.seq}`, ...this.describe(e, taskRoles), actor: e.actor })),
      // Older servers do not log attachments as events: show them from the document list.
      ...(this.events.some((e) => e.type === 'document.attached') ? [] : this.documents).map((doc) => ({
        at: doc.uploadedAt, key: `d${doc.id}`, what: 'evDocument' as StringKey, detail: isWithheld(doc.name) ? withheldMark(doc.name) : doc.name, actor: doc.uploadedBy,
        roles: doc.taskId && taskRoles.get(doc.taskId) ? [taskRoles.get(doc.taskId)!] : undefined,
      })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    if (!items.length) return html`<p class="muted">${t('empty')}</p>`;
    return html`<ol>
      ${items.map((i) => html`<li class=${i.cls ?? ''} data-event=${i.key}>
        <time datetime=${i.at}>${date(i.at, { time: true })}</time>
        <span class="what">${t(i.what)}</span>${i.detail !== undefined && i.detail !== '' ? html`: <span class="detail">${i.detail}</span>` : nothing}
        ${i.actor && i.actor !== SYSTEM_ACTOR ? html`<span class="muted small" data-actor> — ${t('by')} ${actorText(i.actor, i.roles)}</span>` : nothing}
      </li>`)}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-timeline': DabirTimeline;
  }
}
