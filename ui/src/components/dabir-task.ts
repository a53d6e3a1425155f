/**
 * One open task of a case: its form (generated from the form's JSON Schema), its checklist (inspections: the answers
 * and the step's form — the minutes — go in one data object), and its outcomes as buttons with the definitions'
 * labels (decisions, inquiries). The form and the checklist start with the task's `prefill` (values the server
 * computed from the case's data) — or, for a task entered again after a return, its previous answers — which the user
 * may change. Completing it sends the case version it saw. Before a completion that decides or ends the case (a
 * decision, an inspection that fails, any outcome leading to an end) the server's preview names the consequence and the
 * user confirms it. A decision shows the evidence it decides on; a step that declares `returns:` offers to send the case
 * back (with a reason). Fires `case-changed` after a successful write and `case-stale` when the case moved on
 * meanwhile. `highlighted` marks the task a link pointed to.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type ChecklistDef, type DocumentMeta, type FormDef, type JsonSchema, type OpenTask, type Preview, type Step } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import * as defs from '../definitions.js';
import { getLang, t, tx } from '../i18n/index.js';
import { applicableItems, unanswered } from './checklist-model.js';
import { currentUser } from '../session.js';
import { confirmAction } from './dabir-confirm.js';
import { compact, validate } from './form-model.js';
import { base } from './styles.js';
import type { Uploader } from './dabir-form.js';
import './dabir-checklist.js';
import './dabir-evidence.js';
import './dabir-due.js';
import './dabir-form.js';
import './dabir-param-table.js';
import './dabir-problem.js';

@customElement('dabir-task')
export class DabirTask extends LitElement {
  static override styles = [base, css`
    :host { border: 1px solid var(--d-border, #c9d1dc); border-inline-start: 5px solid var(--d-primary, #0f4c81); border-radius: 8px; padding: 0.8rem 1rem; background: #fff; margin-block-end: 1rem; }
    header { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: baseline; margin-block-end: 0.6rem; }
    header h3 { margin: 0; }
    .outcomes { display: flex; flex-wrap: wrap; gap: 0.6rem; margin-block-start: 0.8rem; }
    .outcomes.decision button { min-width: 8em; font-weight: 700; }
    :host([highlighted]) { border-color: var(--d-focus, #b45309); border-inline-start-width: 8px; box-shadow: 0 0 0 3px var(--d-warn-soft, #fff4e0); }
    section:focus { outline: none; }
    h4 { margin: 0.8rem 0 0.4rem; font-size: 0.95rem; }
  `];

  @property() caseId = '';
  @property({ type: Number }) caseVersion = 0;
  @property() procedureId = '';
  @property({ attribute: false }) task!: OpenTask;
  @property({ attribute: false }) step?: Step;
  @property({ type: Boolean }) canAct = false;
  @property({ attribute: false }) uploader?: Uploader;
  /** The case's data (subject, input, steps) a checklist item's `applies_when` may read. */
  @property({ attribute: false }) context: Record<string, unknown> = {};
  @property({ type: Boolean, reflect: true }) highlighted = false;
  /** The answers of the step's previous visit (a task sent back, or entered again): the form starts from them. */
  @property({ attribute: false }) previous?: Record<string, unknown>;
  @property({ attribute: false }) documents: DocumentMeta[] = [];
  /** The case's subject record (a location field's map leaves it out of the nearest records and shows where it is). */
  @property({ attribute: false }) subject?: { entity: string; id: string };

  @state() private data: Record<string, unknown> = {};
  @state() private answers: Record<string, unknown> = {};
  @state() private showErrors = false;
  /** The task whose previous answers were put in the form (once per task). */
  @state() private prefilledFor = '';
  private readonly action = new ActionController(this);
  /** The task whose prefill the form and checklist were started with. */
  private startedFor?: string;
  private readonly form = new ResourceController<[string, string], FormDef>(
    this, ([id, caseId]) => defs.form(id, caseId), () => (this.step?.form ? [this.step.form, this.caseId] : undefined),
  );
  private readonly checklist = new ResourceController<[string, string], ChecklistDef>(
    this, ([id, caseId]) => defs.checklist(id, caseId), () => (this.step?.kind === 'inspection' && this.step.checklist ? [this.step.checklist, this.caseId] : undefined),
  );

  constructor() {
    super();
    new LocaleController(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A task opens with its prefill (the case's data); a later render of the same task keeps what the user typed.
    if (changed.has('task') && this.task && this.task.id !== this.startedFor) {
      this.startedFor = this.task.id;
      this.data = { ...(this.task.prefill ?? {}) };
      this.answers = { ...(this.task.prefill ?? {}) };
      this.showErrors = false;
    }
    this.putPrevious();
    // The case moved on (re-read after a stale write, or live): an error about the old version no longer applies.
    if (changed.has('caseVersion') && changed.get('caseVersion') !== undefined && this.action.error?.code === 'stale-version') this.action.clear();
  }

  /**
   * A task entered again (sent back by a return) starts from the previous visit's answers, over its prefill, once the
   * form and the checklist are known (the user may change them).
   */
  private putPrevious(): void {
    const prev = this.previous;
    if (!prev || !this.step || this.prefilledFor === this.task?.id) return;
    const formDef = this.step.form ? this.form.value : undefined;
    const list = this.step.kind === 'inspection' ? this.checklist.value : undefined;
    if ((this.step.form && !formDef) || (this.step.kind === 'inspection' && !list)) return;
    const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => prev[k] !== undefined).map((k) => [k, prev[k]]));
    if (formDef) this.data = { ...this.data, ...pick(Object.keys(formDef.schema.properties ?? {})) };
    if (list) this.answers = { ...this.answers, ...pick(list.items.map((i) => i.id)) };
    this.prefilledFor = this.task.id;
  }

  /** Brings the task into view and moves focus to it (for a link that points to it). */
  focusHeading(): void {
    const section = this.renderRoot.querySelector<HTMLElement>('section');
    this.scrollIntoView({ block: 'center' });
    section?.focus({ preventScroll: true });
  }

  /**
   * The tables the form's choices come from (`x-options-from`), each with the columns that hold codes another column
   * names (the value column of a choice labelled by a label column): shown beside the form.
   */
  private tables(): { param: string; hide: string[] }[] {
    const out = new Map<string, Set<string>>();
    const walk = (s: JsonSchema | undefined) => {
      if (!s) return;
      const from = s['x-options-from'] as { param: string; value: string; label?: string } | undefined;
      if (from) {
        const hide = out.get(from.param) ?? new Set<string>();
        if (from.label) hide.add(from.value);
        out.set(from.param, hide);
      }
      Object.values(s.properties ?? {}).forEach(walk);
      walk(s.items);
    };
    walk(this.form.value?.schema);
    return [...out].map(([param, hide]) => ({ param, hide: [...hide] }));
  }

  /** The form's own values (the prefill may also name checklist items, which are the checklist's to send). */
  private formData(): Record<string, unknown> {
    const keys = Object.keys(this.form.value?.schema.properties ?? {});
    return compact(Object.fromEntries(Object.entries(this.data).filter(([k]) => keys.includes(k))));
  }

  /** The data to send: the form's values, and for inspections the answers of the items that apply. */
  private payload(): Record<string, unknown> {
    const list = this.checklist.value;
    const data = this.formData();
    if (this.step?.kind !== 'inspection' || !list) return data;
    const applies = applicableItems(list, this.answers, this.context);
    const answers = Object.fromEntries(Object.entries(this.answers).filter(([k]) => applies.get(k) !== false && k in (list.schema.properties ?? {})));
    return { ...data, ...compact(answers) };
  }

  private async complete(outcome?: string) {
    const formDef = this.form.value;
    const problems = formDef ? validate(formDef.schema, this.formData(), getLang()) : [];
    const missing = this.checklist.value ? unanswered(this.checklist.value, this.answers, this.context) : [];
    if (problems.length || missing.length) {
      this.showErrors = true;
      await this.updateComplete;
      const target = problems.length ? this.renderRoot.querySelector('dabir-form') : this.renderRoot.querySelector('dabir-checklist');
      await target?.updateComplete;
      target?.focusFirstProblem();
      return;
    }
    const data = this.payload();
    // What it would do, from the server (nothing written): an outcome that decides or ends the case is confirmed first.
    const preview = await this.action.run(() => api.previewTask(this.caseId, this.task.id, { outcome, data }), outcome ?? 'done');
    if (!preview) return this.staleCheck();
    if (preview.ok && this.needsConfirmation(preview) && !(await confirmAction(this.confirmation(preview)))) return;
    const view = await this.action.run(() => api.completeTask(this.caseId, this.task.id, { outcome, data, expectedVersion: this.caseVersion }), outcome ?? 'done');
    if (view) {
      this.data = {};
      this.answers = {};
      this.startedFor = undefined;
      this.showErrors = false;
      this.dispatchEvent(new CustomEvent('case-changed', { detail: { view }, bubbles: true, composed: true }));
    } else this.staleCheck();
  }

  private staleCheck() {
    if (this.action.error?.code === 'stale-version') this.dispatchEvent(new CustomEvent('case-stale', { bubbles: true, composed: true }));
  }

  /** A decision, an inspection that fails and any outcome that ends the case cannot be taken back: they are confirmed. */
  private needsConfirmation(p: Preview): boolean {
    return this.step?.kind === 'decision' || p.ends !== null || (this.step?.kind === 'inspection' && p.outcome === 'fail');
  }

  /** The question and its consequence in words, from the preview. */
  private confirmation(p: Preview) {
    const outcome = tx(defs.outcomeLabel(this.procedureId, this.task.step, p.outcome ?? '', this.caseId || undefined));
    const body: string[] = [];
    if (p.checklist && !p.checklist.passed) body.push(t('consequenceFailed', { items: p.checklist.failed.map((f) => tx(f.label)).join(t('listSep')) }));
    if (p.ends) body.push(t('consequenceEnds', { result: tx(p.ends.label) }), t('consequenceFinal'));
    else if (p.next.length) body.push(t('consequenceNext', { steps: p.next.map((x) => tx(x.label)).join(t('listSep')) }));
    const danger = Boolean(p.ends?.refused || (p.checklist && !p.checklist.passed));
    return { title: t('confirmOutcome', { outcome }), body, confirmLabel: t('confirmRecord', { outcome }), cancelLabel: t('goBackAndCheck'), danger };
  }

  /** The returns of this step the signed-in user may make. */
  private returns(): NonNullable<Step['returns']> {
    const roles = currentUser()?.roles ?? [];
    return (this.step?.returns ?? []).filter((r) => r.roles.some((x) => roles.includes(x)));
  }

  /** Sends the case back to `to`, after a confirmation that asks for the reason. */
  private async sendBack(to: string) {
    const step = tx(defs.stepLabel(this.procedureId, to, this.caseId || undefined));
    const ok = await confirmAction({
      title: t('returnTitle', { step }), body: [t('returnBody', { from: tx(this.step?.label ?? { fa: this.task.step }), step })],
      reason: { label: t('returnReason') }, confirmLabel: t('returnConfirm'),
    });
    if (!ok) return;
    const view = await this.action.run(() => api.returnCase(this.caseId, { expectedVersion: this.caseVersion, task: this.task.id, to, reason: ok.reason }), `return:${to}`);
    if (view) this.dispatchEvent(new CustomEvent('case-changed', { detail: { view, notice: t('returned', { step }) }, bubbles: true, composed: true }));
    else this.staleCheck();
  }

  private outcomeButtons() {
    const s = this.step;
    const busy = this.action.pending;
    const disabled = busy || !this.canAct;
    if (!s || s.kind === 'inspection' || !s.outcomes?.length) {
      return html`<div class="outcomes"><button type="button" ?disabled=${disabled} @click=${() => this.complete()}>
        ${busy ? t('saving') : s?.kind === 'inspection' ? t('recordAnswer') : t('submit')}</button></div>`;
    }
    return html`<div class="outcomes ${s.kind === 'decision' ? 'decision' : ''}" role="group" aria-label=${s.kind === 'decision' ? t('decision') : t('outcome')}>
      ${s.outcomes.map((o, i) => html`<button type="button" class=${i === 0 ? '' : 'secondary'} data-outcome=${o.id} ?disabled=${disabled}
        @click=${() => this.complete(o.id)}>${this.action.which === o.id ? t('saving') : tx(o.label ?? { fa: o.id })}</button>`)}
    </div>`;
  }

  private returnButtons() {
    const list = this.returns();
    if (!list.length) return nothing;
    return html`<div class="outcomes returns">${list.map((r) => html`<button type="button" class="secondary" data-return=${r.to} ?disabled=${this.action.pending}
      @click=${() => this.sendBack(r.to)}>${this.action.which === `return:${r.to}` ? t('saving') : r.label ? tx(r.label) : t('returnTo', { step: tx(defs.stepLabel(this.procedureId, r.to, this.caseId || undefined)) })}</button>`)}</div>`;
  }

  override render() {
    const task = this.task;
    const s = this.step;
    const fieldErrors = this.action.error?.fieldErrors ?? [];
    const titleId = `task-${task.id.replace(/[^\w-]/g, '_')}`;
    const missing = this.showErrors && this.checklist.value ? unanswered(this.checklist.value, this.answers, this.context).length : 0;
    const waiting = defs.waitingFor(this.procedureId, task.step);
    return html`
      <section aria-labelledby=${titleId} data-task=${task.id} data-kind=${task.kind} tabindex="-1">
        <header>
          <h3 id=${titleId}>${s ? tx(s.label) : task.step}${task.item ? html` — <span data-item-label>${defs.itemLabel(this.procedureId, task.step, task.item)}</span>` : nothing}</h3>
          ${this.highlighted ? html`<span class="badge warn" data-highlighted>${t('taskYouOpened')}</span>` : nothing}
          <span class="badge info">${tx(defs.roleLabel(task.role))}</span>
          ${waiting && !task.clockStopped ? html`<span class="muted small" data-waiting>${tx(waiting)}</span>` : nothing}
          <span class="small">${t('due')}: <dabir-due .due=${task.due} ?overdue=${task.overdue} ?clock-stopped=${Boolean(task.clockStopped)} .waiting=${waiting ? tx(waiting) : ''}></dabir-due></span>
        </header>
        ${!this.canAct ? html`<p class="muted">${t('notYourRole')}</p>` : nothing}
        ${s && (s.kind === 'decision' || s.evidence) ? html`<dabir-evidence .caseId=${this.caseId} .procedureId=${this.procedureId} .taskId=${task.id} .version=${this.caseVersion} .documents=${this.documents}></dabir-evidence>` : nothing}
        ${this.previous && this.prefilledFor === task.id && this.canAct ? html`<p class="alert warn" data-previous>${t('previousAnswers')}</p>` : nothing}
        <dabir-problem .error=${this.action.error}></dabir-problem>
        ${this.form.error || this.checklist.error ? html`<dabir-problem .error=${this.form.error ?? this.checklist.error}></dabir-problem>` : nothing}
        ${Object.keys(task.prefill ?? {}).length && this.canAct ? html`<p class="muted small" data-prefilled>${t('prefilledNote')}</p>` : nothing}
        ${this.form.value ? html`
          ${this.checklist.value ? html`<h4>${tx(this.form.value.title)}</h4>` : nothing}
          <dabir-form .schema=${this.form.value.schema} .value=${this.data} ?disabled=${!this.canAct} id-prefix=${titleId}
            .serverErrors=${fieldErrors} ?showErrors=${this.showErrors} .uploader=${this.uploader} .subject=${this.subject}
            @value-changed=${(e: CustomEvent<{ value: Record<string, unknown> }>) => (this.data = e.detail.value)}></dabir-form>
          ${this.canAct ? this.tables().map((x) => html`<dabir-param-table .param=${x.param} .hide=${x.hide} open></dabir-param-table>`) : nothing}` : nothing}
        ${this.checklist.value ? html`<dabir-checklist .checklist=${this.checklist.value} .value=${this.answers} .context=${this.context}
            ?disabled=${!this.canAct} .serverErrors=${fieldErrors} ?showErrors=${this.showErrors} id-prefix=${titleId}
            @value-changed=${(e: CustomEvent<{ value: Record<string, unknown> }>) => (this.answers = e.detail.value)}></dabir-checklist>` : nothing}
        ${missing ? html`<p class="error-text" role="alert">${t('checklistMissing', { n: missing })}</p>` : nothing}
        ${this.outcomeButtons()}
        ${this.returnButtons()}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-task': DabirTask;
  }
}
