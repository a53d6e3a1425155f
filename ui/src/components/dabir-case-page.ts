/**
 * The case page (`#/cases/:id`): the case by its number and its subject by title, where it stands on the procedure's
 * diagram, its open tasks with generated forms, checklists and decisions, its documents and its full timeline;
 * cancelling asks for a reason in the confirmation dialog. It shows the state after a write (the server's answer at
 * once, then the full re-read) and re-reads by itself when someone else changes the case (live events). One column on
 * a narrow screen. Also the case list (`#/cases`), searchable by number.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { api, type CaseView, type EntityType, type Page, type ProcedureDetail } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LiveController } from '../controllers/live-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { date, t, tx, type StringKey } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { session } from '../session.js';
import { stepMarks } from '../../../engine/interpret/marks.js';
import { actorText } from './actor.js';
import { caseNo } from './case-number.js';
import { confirmAction } from './dabir-confirm.js';
import { displayValue, labelOf, orderedKeys } from './form-model.js';
import { base, cards } from './styles.js';
import './dabir-diagram.js';
import './dabir-documents.js';
import './dabir-problem.js';
import './dabir-task.js';
import './dabir-timeline.js';
import { ADMIN_ROLE } from '../../../engine/model.js';

const STATUS: Record<string, [StringKey, string]> = {
  active: ['statusActive', 'info'], ended: ['statusEnded', 'ok'], cancelled: ['statusCancelled', 'warn'], failed: ['statusFailed', 'danger'],
};

@customElement('dabir-case')
export class DabirCase extends LitElement {
  static override styles = [base, css`
    .head { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; }
    .grid { display: grid; grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr); gap: 1rem; }
    @media (max-width: 1000px) { .grid { grid-template-columns: minmax(0, 1fr); } }
    dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.2rem 1rem; margin: 0; }
    dt { color: var(--d-muted, #4a5666); }
    dd { margin: 0; overflow-wrap: anywhere; }
    /* A phone: each fact's name above its value, cards without the page's side padding to spare. */
    @media (max-width: 560px) {
      dl.facts { grid-template-columns: minmax(0, 1fr); gap: 0; }
      dl.facts dd { margin-block-end: 0.4rem; }
      .card { padding: 0.8rem; }
      h1 { font-size: 1.25rem; }
    }
  `];

  @property() caseId = '';
  /** The task a link points to (`#/cases/<id>?task=<task>`): highlighted, scrolled to and focused once. */
  @property() focusTask = '';
  @state() private notice = '';
  private focusedFor = '';

  private readonly kase = new ResourceController<[string], CaseView>(this, ([id]) => api.case(id), () => (this.caseId ? [this.caseId] : undefined));
  private readonly proc = new ResourceController<[string, string], ProcedureDetail>(this, ([id, caseId]) => defs.procedure(id, caseId), () => (this.kase.value ? [this.kase.value.procedure, this.kase.value.id] : undefined));
  private readonly types = new ResourceController<[], EntityType[]>(this, () => defs.entityTypes(), () => []);
  /** The case's child cases (their numbers name them in the timeline), read only when it has any. */
  private readonly childCases = new ResourceController<[string, number], Page<CaseView>>(
    this, ([id]) => api.cases({ parent: id, limit: 100 }),
    () => (this.kase.value?.timeline?.some((e) => e.type === 'subcase.requested') ? [this.kase.value.id, this.kase.value.version] : undefined),
  );
  private readonly action = new ActionController(this);

  constructor() {
    super();
    new LocaleController(this);
    new StoreController(this, defs.definitionsVersion);
    // Someone else changed this case: show it as it is now.
    new LiveController(this, { case: () => (this.kase.value ? { id: this.kase.value.id, version: this.kase.value.version } : undefined) }, () => this.kase.reload());
    // A stale-version problem's button (dabir-problem) asks for the case again.
    this.addEventListener('reload-case', (e) => {
      e.preventDefault();
      void this.changed(true);
    });
  }

  private roles(): string[] {
    const s = session.get();
    return s.status === 'signed-in' ? s.user.roles : [];
  }

  /**
   * After a write: the server's answer (the case as the write left it) at once — a completed task's form does not
   * linger — then the full re-read (timeline and documents are not in a write's answer). `notice` says what was done.
   */
  private async changed(stale = false, view?: CaseView, notice?: string) {
    const shown = this.kase.value;
    if (view && shown && view.id === shown.id && view.version > shown.version) this.kase.set({ ...shown, ...view });
    if (stale) this.action.clear();
    await this.kase.reload();
    this.notice = stale ? t('staleVersion') : (notice ?? t('done'));
    // The linked task is done: the link has served (and must not now say the task is gone).
    if (this.focusTask && !this.kase.value?.openTasks.some((x) => x.id === this.focusTask)) navigate(href('cases', this.caseId), true);
  }

  /** Cancelling cannot be undone: the dialog says so and asks why (the reason goes to the timeline). */
  private async cancel() {
    const c = this.kase.value!;
    const ok = await confirmAction({ title: t('cancelTitle'), body: [t('cancelBody')], reason: { label: t('cancelReason') }, confirmLabel: t('cancelCase'), danger: true });
    if (!ok) return;
    const view = await this.action.run(() => api.cancelCase(c.id, c.version, ok.reason));
    if (view) await this.changed(false, view, `${t('evCancelled')}.`);
    // A stale version is said with a button that reloads the case (dabir-problem): what was typed stays until then.
  }

  override updated() {
    const c = this.kase.value;
    const key = `${this.caseId}?${this.focusTask}`;
    if (!this.focusTask || !c || c.id !== this.caseId || this.focusedFor === key) return;
    const task = [...this.renderRoot.querySelectorAll('dabir-task')].find((x) => x.task?.id === this.focusTask);
    if (!task && !this.proc.value) return;
    this.focusedFor = key;
    if (task) void task.updateComplete.then(() => task.focusHeading());
  }

  /** The subject by its record's title (the record as of the start, else the server's title), never its id. */
  private subjectTitle(c: CaseView, entity: EntityType | undefined): string {
    if (c.subjectTitle) return typeof c.subjectTitle === 'string' ? c.subjectTitle : tx(c.subjectTitle);
    return c.subjectRecord && entity ? defs.recordTitle(entity, c.subjectRecord) : (entity && c.subject ? defs.refTitle(entity.id, c.subject) : undefined) ?? t('subject');
  }

  private renderInput(c: CaseView, p?: ProcedureDetail) {
    const schema = p?.startForm?.schema;
    const keys = schema ? orderedKeys(schema).filter((k) => c.input[k] !== undefined) : Object.keys(c.input);
    const extra = Object.keys(c.input).filter((k) => !keys.includes(k));
    if (!keys.length && !extra.length) return nothing;
    const names = { ref: defs.refTitle, file: (id: string) => c.documents?.find((x) => x.id === id)?.name };
    return html`<h3>${t('input')}</h3><dl class="facts" data-input>
      ${[...keys, ...extra].map((k) => {
        const fs = schema?.properties?.[k];
        return html`<dt>${fs ? labelOf(fs, k) : k}</dt><dd data-field=${k}><bdi>${displayValue(fs, c.input[k], names)}</bdi></dd>`;
      })}
    </dl>`;
  }

  override render() {
    // The case of another address (the one shown before) is not this one's: a refusal of this one is said instead.
    const c = this.kase.value?.id === this.caseId ? this.kase.value : undefined;
    if (this.kase.status === 'error' && !c) return html`<dabir-problem .error=${this.kase.error}></dabir-problem>`;
    if (!c) return html`<p role="status">${t('loading')}</p>`;
    const p = this.proc.value;
    const roles = this.roles();
    const admin = roles.includes(ADMIN_ROLE);
    const [statusKey, statusCls] = STATUS[c.status] ?? ['statusActive', 'info'];
    // Done: only the steps the case completed (a cancelled case's open task, a step sent back, are not).
    const { done, active } = stepMarks({ ...c, active: c.openTasks.map((x) => x.step) });
    const entity = p?.subject?.entity ? this.types.value?.find((e) => e.id === p.subject!.entity) : undefined;
    const mayCancel = c.status === 'active' && (admin || (p?.start.roles ?? []).some((r) => roles.includes(r)));
    // What a checklist's `applies_when` may read besides the answers (the server's scope for it).
    const context = { subject: c.subjectRecord ?? undefined, input: c.input, steps: c.steps, case: { id: c.id, procedure: c.procedure } };
    // Attaching a document moves the case's version on: reload so the task is completed against the new version.
    const uploader = (task: string) => async (file: File) => {
      const doc = await api.upload(c.id, file, task);
      await this.kase.reload();
      return { id: doc.id, name: doc.name };
    };
    return html`
      <div class="head">
        <h1>${tx(defs.procedureTitle(c.procedure))}${c.number ? html` — ${caseNo(c.number)}` : nothing}</h1>
        ${c.subjectTitle ? html`<span class="subject" data-subject-title><bdi>${tx(c.subjectTitle)}</bdi></span>` : nothing}
        <span class="badge ${statusCls}" data-status=${c.status}>${t(statusKey)}</span>
        ${c.result ? html`<span data-result=${c.result}>${t('result')}: <strong>${tx(defs.resultLabel(c.procedure, c.result, c.id))}</strong></span>` : nothing}
      </div>
      <div role="status" aria-live="polite">${this.notice ? html`<div class="alert ok">${this.notice}</div>` : nothing}</div>
      ${c.error ? html`<div class="alert error" role="alert">${tx(c.error.message)}</div>` : nothing}
      <div class="card">
        <dl class="facts">
          <dt>${t('caseNumber')}</dt><dd data-case-number>${c.number ? caseNo(c.number) : '—'}</dd>
          ${c.subject ? html`<dt>${entity ? tx(entity.label) : t('subject')}</dt>
            <dd><bdi>${this.subjectTitle(c, entity)}</bdi>
              ${entity ? html` — <a href=${href('registry', entity.id, c.subject)} data-subject-page>${t('showInRegistry')}</a>` : nothing}</dd>` : nothing}
          <dt>${t('started')}</dt><dd>${date(c.startedAt, { time: true })}</dd>
          ${c.startedBy && c.startedBy !== 'system' ? html`<dt>${t('startedBy')}</dt><dd data-started-by>${actorText(c.startedBy, p?.start.roles)}</dd>` : nothing}
          ${c.endedAt ? html`<dt>${t('statusEnded')}</dt><dd>${date(c.endedAt, { time: true })}</dd>` : nothing}
          ${p?.reference ? html`<dt>${t('reference')}</dt><dd>${tx(p.reference)}</dd>` : nothing}
        </dl>
        ${this.renderInput(c, p)}
        ${mayCancel ? html`
          <p><button type="button" class="secondary" data-cancel-case ?disabled=${this.action.pending} @click=${() => this.cancel()}>${t('cancelCase')}</button></p>
          <dabir-problem .error=${this.action.error}></dabir-problem>` : nothing}
      </div>
      <div class="grid">
        <div>
          <section class="card" aria-labelledby="tasks-h">
            <h2 id="tasks-h">${t('activeTasks')}</h2>
            ${this.focusTask && !c.openTasks.some((x) => x.id === this.focusTask) ? html`<p class="alert warn" data-task-gone>${t('taskNotOpen')}</p>` : nothing}
            ${c.openTasks.length === 0 ? html`<p class="muted">${t('noTasks')}</p>` : nothing}
            ${repeat(c.openTasks, (task) => task.id, (task) => html`<dabir-task .caseId=${c.id} .caseVersion=${c.version} .procedureId=${c.procedure} .task=${task}
                ?highlighted=${task.id === this.focusTask} .context=${context}
                .step=${p?.steps.find((s) => s.id === task.step)} ?canAct=${roles.includes(task.role)} .uploader=${uploader(task.id)}
                .previous=${c.steps[task.step]?.previous?.data} .documents=${c.documents ?? []}
                .subject=${p?.subject && c.subject ? { entity: p.subject.entity, id: c.subject } : undefined}
                @case-changed=${(e: CustomEvent<{ view?: CaseView; notice?: string }>) => this.changed(false, e.detail?.view, e.detail?.notice)}></dabir-task>`)}
          </section>
          <section class="card" aria-labelledby="docs-h">
            <h2 id="docs-h">${t('documents')}</h2>
            <dabir-documents .caseId=${c.id} .documents=${c.documents ?? []} ?canUpload=${c.status === 'active'} @case-changed=${() => this.changed()}></dabir-documents>
          </section>
        </div>
        <div>
          <section class="card" aria-labelledby="diagram-h">
            <h2 id="diagram-h">${t('diagram')}</h2>
            <dabir-diagram .procedureId=${c.procedure} .caseId=${c.id} .steps=${p?.steps ?? []} .done=${done} .active=${active} .version=${c.version}></dabir-diagram>
          </section>
          <section class="card" aria-labelledby="timeline-h">
            <h2 id="timeline-h">${t('timeline')}</h2>
            <dabir-timeline .events=${c.timeline ?? []} .documents=${c.documents ?? []} .procedureId=${c.procedure} .caseId=${c.id}
              .caseNumbers=${Object.fromEntries((this.childCases.value?.items ?? []).map((x) => [x.id, x.number]))}></dabir-timeline>
          </section>
        </div>
      </div>`;
  }
}

/** The list of cases (filters by procedure and status); cards on a narrow screen. */
@customElement('dabir-case-list')
export class DabirCaseList extends LitElement {
  static override styles = [base, cards];

  @property({ attribute: false }) query: Record<string, string> = {};
  private readonly list = new ResourceController<[string, string, string], Page<CaseView>>(
    this, ([procedure, status, number]) => api.cases({ procedure: procedure || undefined, status: status || undefined, number: number || undefined, limit: 100 }),
    () => [this.query.procedure ?? '', this.query.status ?? '', this.query.number ?? ''],
  );
  private readonly procs = new ResourceController(this, () => defs.procedures(), () => []);

  constructor() {
    super();
    new LocaleController(this);
    new StoreController(this, defs.definitionsVersion);
  }

  private set(k: string, v: string) {
    navigate(href('cases', { ...this.query, [k]: v || undefined }), true);
  }

  override render() {
    const items = this.list.value?.items ?? [];
    return html`
      <h1>${t('cases')}</h1>
      <div class="row" role="search">
        <div class="field"><label for="c-number">${t('searchNumber')}</label>
          <input id="c-number" type="search" inputmode="numeric" .value=${this.query.number ?? ''}
            @change=${(e: Event) => this.set('number', (e.target as HTMLInputElement).value.trim())} /></div>
        <div class="field"><label for="c-proc">${t('procedure')}</label>
          <select id="c-proc" @change=${(e: Event) => this.set('procedure', (e.target as HTMLSelectElement).value)}>
            <option value="">${t('all')}</option>
            ${(this.procs.value ?? []).map((p) => html`<option value=${p.id} ?selected=${this.query.procedure === p.id}>${tx(p.title)}</option>`)}
          </select></div>
        <div class="field"><label for="c-status">${t('status')}</label>
          <select id="c-status" @change=${(e: Event) => this.set('status', (e.target as HTMLSelectElement).value)}>
            <option value="">${t('all')}</option>
            ${Object.entries(STATUS).map(([k, [label]]) => html`<option value=${k} ?selected=${this.query.status === k}>${t(label)}</option>`)}
          </select></div>
      </div>
      <dabir-problem .error=${this.list.error}></dabir-problem>
      ${this.list.status === 'loading' && !this.list.value ? html`<p role="status">${t('loading')}</p>` : nothing}
      ${this.list.value && !items.length ? html`<p role="status">${this.query.procedure || this.query.status || this.query.number ? t('casesNoMatch') : t('noCasesYet')}</p>` : nothing}
      ${items.length ? html`<table class="cards">
        <thead><tr><th scope="col">${t('caseNumber')}</th><th scope="col">${t('procedure')}</th><th scope="col">${t('subject')}</th><th scope="col">${t('status')}</th><th scope="col">${t('started')}</th></tr></thead>
        <tbody>${items.map((c) => html`<tr>
          <td class="lead" data-label=${t('caseNumber')}><a href=${href('cases', c.id)}>${c.number ? caseNo(c.number) : t('case')}</a></td>
          <td data-label=${t('procedure')}>${tx(defs.procedureTitle(c.procedure))}</td>
          <td data-label=${t('subject')}><bdi>${this.subject(c)}</bdi></td>
          <td data-label=${t('status')}>${t((STATUS[c.status] ?? STATUS.active)[0])}${c.result ? html` — ${tx(defs.resultLabel(c.procedure, c.result))}` : nothing}</td>
          <td data-label=${t('started')}>${date(c.startedAt)}</td></tr>`)}</tbody>
      </table>` : nothing}`;
  }

  /** A case's subject by its title: the server's, else its record's (loaded once per record). */
  private subject(c: CaseView): string {
    if (c.subjectTitle) return typeof c.subjectTitle === 'string' ? c.subjectTitle : tx(c.subjectTitle);
    const entity = defs.procedureDetail(c.procedure)?.subject?.entity;
    return (entity && c.subject ? defs.refTitle(entity, c.subject) : undefined) ?? '—';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-case': DabirCase;
    'dabir-case-list': DabirCaseList;
  }
}
