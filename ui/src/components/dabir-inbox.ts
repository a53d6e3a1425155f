/**
 * The inbox: open tasks of the user's roles with Jalali due dates and overdue marks, each case by its number and its
 * subject by title; filters by role, procedure and overdue, a search over what is shown (numbers too), sorting and
 * pages. Filters live in the URL (`#/inbox?role=…`). It refreshes by itself when work arrives (live events), on a
 * narrow screen each task is a card instead of a table row, and an administrator sees what to do first.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api, type InboxItem, type Page, type ProcedureSummary, type Role } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { LiveController } from '../controllers/live-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { date, n, t, tx } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { session } from '../session.js';
import { caseName } from './case-name.js';
import { caseNo } from './case-number.js';
import { base, cards } from './styles.js';
import './dabir-due.js';
import './dabir-problem.js';
import { ADMIN_ROLE } from '../../../engine/model.js';

const PAGE = 25;
/** Persian and Arabic-Indic digits as ASCII ones (a number typed either way matches). */
const toAscii = (s: string) => s.replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660));
type Sort = 'due' | '-due' | 'opened' | '-opened';

@customElement('dabir-inbox')
export class DabirInbox extends LitElement {
  static override styles = [base, cards, css`
    .filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin-block-end: 1rem; }
    .filters .field { margin: 0; }
    .filters select, .filters input { min-width: 0; }
    .check { display: flex; align-items: center; gap: 0.4em; min-height: 2.75rem; }
    tr.overdue { background: #fff6f6; }
    tr.overdue td:first-child { border-inline-start: 4px solid var(--d-danger, #a4161a); }
    .pager { display: flex; gap: 0.6rem; align-items: center; justify-content: center; margin-block-start: 0.8rem; }
    .table-wrap { overflow-x: auto; }
    .waiting { display: block; font-size: 0.85em; color: var(--d-muted, #4a5666); }
    .empty { padding: 1.2rem; border: 1px dashed var(--d-border, #c9d1dc); border-radius: 8px; background: var(--d-surface, #fff); }
    .empty p:last-child { margin: 0; }
    @media (max-width: 720px) {
      .filters .field, .filters .field select, .filters .field input { width: 100%; }
      tr.overdue td:first-child { border-inline-start: none; }
      tr.overdue { border-inline-start: 5px solid var(--d-danger, #a4161a); }
    }
  `];

  @property({ attribute: false }) query: Record<string, string> = {};

  private readonly inbox = new ResourceController<[Record<string, string>], Page<InboxItem>>(
    this,
    ([q]) => api.inbox({
      role: q.role, procedure: q.procedure, overdue: q.overdue === 'true' ? true : undefined,
      sort: (q.sort as Sort) || 'due', limit: PAGE, offset: Number(q.offset ?? 0),
    }),
    () => [{ role: this.query.role ?? '', procedure: this.query.procedure ?? '', overdue: this.query.overdue ?? '', sort: this.query.sort ?? '', offset: this.query.offset ?? '' }],
  );
  private readonly procs = new ResourceController<[], ProcedureSummary[]>(this, () => defs.procedures(), () => []);
  private readonly roles = new ResourceController<[], Role[]>(this, () => defs.roles(), () => []);

  constructor() {
    super();
    new LocaleController(this);
    new StoreController(this, defs.definitionsVersion);
    // New work for the user's roles: the list re-reads itself, no reload needed.
    new LiveController(this, { inbox: true }, () => this.inbox.reload());
  }

  private setQuery(patch: Record<string, string | undefined>) {
    const q: Record<string, string | undefined> = { ...this.query, ...patch };
    if (!('offset' in patch)) delete q.offset;
    navigate(href('inbox', q), true);
  }

  /** How the row names its case: number and subject title (the subject's record title while the server gives none). */
  /** The subject's title alone (the number has its own column), or a dash. */
  private subjectOnly(i: InboxItem): string {
    const entity = defs.procedureDetail(i.procedure)?.subject?.entity;
    const title = i.subjectTitle ?? (entity && i.subject ? defs.refTitle(entity, i.subject) : undefined);
    return (typeof title === 'string' ? title : tx(title ?? undefined)) || '—';
  }

  private subjectText(i: InboxItem): string {
    const entity = defs.procedureDetail(i.procedure)?.subject?.entity;
    const title = i.subjectTitle ?? (entity && i.subject ? defs.refTitle(entity, i.subject) : undefined);
    return caseName(i.caseNumber, title ?? undefined);
  }

  private matchesTerm(item: InboxItem, term: string): boolean {
    if (!term) return true;
    const hay = toAscii([
      item.caseNumber ?? '', this.subjectText(item), tx(defs.procedureTitle(item.procedure)), tx(defs.stepLabel(item.procedure, item.step)),
      tx(defs.roleLabel(item.role)),
    ].join(' ').toLowerCase());
    return toAscii(term.toLowerCase()).split(/\s+/).every((w) => hay.includes(w));
  }

  /** The administrator's landing: what to do first, with links (administrators do no tasks themselves). */
  private gettingStarted() {
    return html`<section class="card" aria-labelledby="start-h" data-getting-started>
      <h2 id="start-h">${t('adminStartTitle')}</h2>
      <p>${t('adminIntro')}</p>
      <ol>
        <li><a href=${href('admin', 'users')}>${t('users')}</a>: ${t('adminStepUsers')}</li>
        <li><a href=${href('admin', 'parameters')}>${t('parameters')}</a>: ${t('adminStepParams')}</li>
        <li><a href=${href('admin', 'scenarios')}>${t('scenarios')}</a>: ${t('adminStepScenarios')}</li>
      </ol>
    </section>`;
  }

  /** What to say when there is nothing to show: nothing to do at all, or nothing that matches the filters. */
  private renderEmpty(filtered: boolean) {
    if (filtered) {
      return html`<div class="empty" role="status" data-empty="filtered"><p>${t('inboxNoMatch')}</p>
        <p><button type="button" class="secondary" @click=${() => navigate(href('inbox'), true)}>${t('clearFilters')}</button></p></div>`;
    }
    const canStart = (this.procs.value ?? []).some((p) => p.canStart);
    return html`<div class="empty" role="status" data-empty="inbox"><p><strong>${t('inboxEmpty')}</strong></p>
      <p class="muted">${t('inboxEmptyLive')}</p>
      ${canStart ? html`<p><a class="btn secondary" href=${href('start')}>${t('startCase')}</a></p>` : nothing}</div>`;
  }

  private myRoles(): string[] {
    const s = session.get();
    return s.status === 'signed-in' ? s.user.roles.filter((r) => r !== ADMIN_ROLE) : [];
  }

  override render() {
    const q = this.query;
    const data = this.inbox.value;
    const term = q.q ?? '';
    const items = (data?.items ?? []).filter((i) => this.matchesTerm(i, term));
    const offset = Number(q.offset ?? 0);
    const pages = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE));
    const s = session.get();
    const admin = s.status === 'signed-in' && s.user.roles.includes(ADMIN_ROLE);
    const roleIds = admin && this.roles.value ? this.roles.value.map((r) => r.id).filter((r) => r !== ADMIN_ROLE) : this.myRoles();
    return html`
      <h1>${t('inbox')}</h1>
      ${admin && (data?.total === 0 || defs.knownUsers()?.every((u) => u.roles.includes(ADMIN_ROLE))) ? this.gettingStarted() : nothing}
      <form class="filters" role="search" @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="f-q">${t('search')}</label>
          <input id="f-q" type="search" .value=${term} @input=${(e: Event) => this.setQuery({ q: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="f-role">${t('role')}</label>
          <select id="f-role" @change=${(e: Event) => this.setQuery({ role: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!q.role}>${t('all')}</option>
            ${roleIds.map((r) => html`<option value=${r} ?selected=${q.role === r}>${tx(defs.roleLabel(r))}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-proc">${t('procedure')}</label>
          <select id="f-proc" @change=${(e: Event) => this.setQuery({ procedure: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!q.procedure}>${t('all')}</option>
            ${(this.procs.value ?? []).map((p) => html`<option value=${p.id} ?selected=${q.procedure === p.id}>${tx(p.title)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-sort">${t('sortBy')}</label>
          <select id="f-sort" @change=${(e: Event) => this.setQuery({ sort: (e.target as HTMLSelectElement).value })}>
            ${([['due', 'sortDue'], ['-due', 'sortDueDesc'], ['opened', 'sortOpened'], ['-opened', 'sortOpenedDesc']] as const).map(
              ([v, k]) => html`<option value=${v} ?selected=${(q.sort || 'due') === v}>${t(k)}</option>`,
            )}
          </select>
        </div>
        <label class="check"><input type="checkbox" .checked=${q.overdue === 'true'}
          @change=${(e: Event) => this.setQuery({ overdue: (e.target as HTMLInputElement).checked ? 'true' : undefined })} />${t('overdueOnly')}</label>
      </form>
      <dabir-problem .error=${this.inbox.error}></dabir-problem>
      ${this.inbox.status === 'loading' && !data ? html`<p role="status">${t('loading')}</p>` : nothing}
      ${data ? html`
        <p class="muted small" role="status">${t('total', { n: data.total })}</p>
        ${items.length === 0 ? this.renderEmpty(Boolean(term || q.role || q.procedure || q.overdue)) : html`
          <div class="table-wrap"><table class="cards">
            <caption class="sr-only">${t('inbox')}</caption>
            <thead><tr>
              <th scope="col">${t('caseNumber')}</th><th scope="col">${t('procedure')}</th><th scope="col">${t('task')}</th><th scope="col">${t('subject')}</th>
              <th scope="col">${t('role')}</th><th scope="col">${t('opened')}</th><th scope="col">${t('due')}</th><th scope="col"><span class="sr-only">${t('open')}</span></th>
            </tr></thead>
            <tbody>
              ${items.map((i) => {
                const step = tx(defs.stepLabel(i.procedure, i.step));
                const waiting = defs.waitingFor(i.procedure, i.step);
                const subject = this.subjectText(i);
                return html`
                <tr class=${i.overdue ? 'overdue' : ''} data-task=${i.taskId} data-case=${i.caseId}>
                  <td data-label=${t('caseNumber')} data-number-cell>${i.caseNumber ? caseNo(i.caseNumber) : '—'}</td>
                  <td data-label=${t('procedure')}>${tx(defs.procedureTitle(i.procedure))}</td>
                  <td data-label=${t('task')} class="lead">${step}${i.item ? html` — <span data-item>${defs.itemLabel(i.procedure, i.step, i.item)}</span>` : nothing}${waiting && !i.clockStopped ? html`<span class="waiting">${tx(waiting)}</span>` : nothing}</td>
                  <td data-label=${t('subject')} data-subject><bdi>${this.subjectOnly(i)}</bdi></td>
                  <td data-label=${t('role')}>${tx(defs.roleLabel(i.role))}</td>
                  <td data-label=${t('opened')}>${date(i.openedAt)}</td>
                  <td data-label=${t('due')}><dabir-due .due=${i.due} ?overdue=${i.overdue} ?clock-stopped=${i.clockStopped} .waiting=${waiting ? tx(waiting) : ''} .now=${data.now}></dabir-due></td>
                  <td class="action"><a class="btn secondary" href=${href('cases', i.caseId, { task: i.taskId })}
                    aria-label=${`${t('open')}: ${step} — ${subject}`}>${t('open')}</a></td>
                </tr>`;
              })}
            </tbody>
          </table></div>`}
        ${pages > 1 ? html`
          <nav class="pager" aria-label=${t('pageOf', { page: n(offset / PAGE + 1), pages: n(pages) })}>
            <button class="secondary" ?disabled=${offset === 0} @click=${() => this.setQuery({ offset: String(Math.max(0, offset - PAGE)) })}>${t('previous')}</button>
            <span>${t('pageOf', { page: offset / PAGE + 1, pages })}</span>
            <button class="secondary" ?disabled=${offset + PAGE >= data.total} @click=${() => this.setQuery({ offset: String(offset + PAGE) })}>${t('next')}</button>
          </nav>` : nothing}
      ` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-inbox': DabirInbox;
  }
}
