/**
 * Starting a case: choose the procedure (those the user's roles may start), its subject from the registry (a record
 * picker, by title), fill the start form. The start guards are checked live against the server (what-if) and every
 * failure is explained — rule, message, the labelled values, the resolution behind it — before anything is submitted;
 * so is a subject that already has an open case of the procedure (a link to it). The form's derived fields show the
 * values the server computes from the other fields. With nothing to start, the page says who starts cases.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type EntityType, type JsonSchema, type OpenCaseRef, type ProcedureDetail, type ProcedureSummary } from '../api/client.js';
import { ActionController } from '../controllers/action-controller.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { WhatIfController } from '../controllers/what-if-controller.js';
import * as defs from '../definitions.js';
import { getLang, t, tx } from '../i18n/index.js';
import { href, navigate } from '../router.js';
import { currentUser } from '../session.js';
import { compact, validate } from './form-model.js';
import { caseNoText } from './case-number.js';
import { base } from './styles.js';
import './dabir-failures.js';
import './dabir-form.js';
import './dabir-problem.js';
import './dabir-ref-picker.js';
import { ADMIN_ROLE } from '../../../engine/model.js';

/** The value without the derived fields of a schema (they are the server's: never sent as the user's). */
const withoutDerived = (schema: JsonSchema | undefined, v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(v).filter(([k]) => !schema?.properties?.[k]?.['x-derived']));

const newKey = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`);

/** A start form's file goes up before the case exists; the start binds it to the case (server/documents/staging.ts). */
const stage = async (file: File) => {
  const doc = await api.stageDocument(file);
  return { id: doc.id, name: doc.name };
};

@customElement('dabir-start-case')
export class DabirStartCase extends LitElement {
  static override styles = [base, css`
    .layout { display: grid; grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
    @media (max-width: 1000px) { .layout { grid-template-columns: 1fr; } }
    .guards { position: sticky; top: 1rem; }
    select[size] { width: 100%; min-height: 10em; }
    .status-ok { color: var(--d-ok, #146c43); font-weight: 600; }
  `];

  @property() procedureId = '';
  @property() subjectId = '';
  @state() private input: Record<string, unknown> = {};
  @state() private showErrors = false;
  private idempotencyKey = newKey();

  private readonly procs = new ResourceController<[], ProcedureSummary[]>(this, () => defs.procedures(), () => []);
  private readonly proc = new ResourceController<[string], ProcedureDetail>(this, ([id]) => defs.procedure(id), () => (this.procedureId ? [this.procedureId] : undefined));
  private readonly types = new ResourceController<[], EntityType[]>(this, () => defs.entityTypes(), () => []);
  private readonly guards = new WhatIfController(this, () => {
    const p = this.proc.value;
    if (!p || p.id !== this.procedureId) return undefined;
    if (p.subject && !this.subjectId) return undefined;
    return { procedure: p.id, subject: this.subjectId || undefined, input: compact(this.input) };
  });
  private readonly action = new ActionController(this);

  constructor() {
    super();
    new LocaleController(this);
  }

  private entity(): string | undefined {
    const p = this.proc.value;
    return p && p.id === this.procedureId ? p.subject?.entity ?? undefined : undefined;
  }

  private choose(procedure: string) {
    this.input = {};
    this.showErrors = false;
    this.action.clear();
    navigate(href('start', { procedure }), true);
  }

  private chooseSubject(subject: string | undefined) {
    navigate(href('start', { procedure: this.procedureId, ...(subject ? { subject } : {}) }), true);
  }

  private async submit(e: Event) {
    e.preventDefault();
    const p = this.proc.value;
    if (!p) return;
    const input = compact(this.input);
    const problems = p.startForm ? validate(p.startForm.schema, input, getLang()) : [];
    if (problems.length) {
      this.showErrors = true;
      return;
    }
    const view = await this.action.run(() => api.startCase({ procedure: p.id, subject: this.subjectId || undefined, input }, this.idempotencyKey));
    if (view) {
      this.idempotencyKey = newKey();
      navigate(href('cases', view.id));
    }
  }

  /** The subject's open case of this procedure (from the live check, or from a refused start), with a link to it. */
  private renderOpenCase() {
    const err = this.action.error?.code === 'case-already-open' ? (this.action.error.body.openCase as OpenCaseRef | undefined) : undefined;
    const open = err ?? this.guards.result?.openCase;
    const p = this.proc.value;
    if (!open || !p) return nothing;
    const number = open.number ? caseNoText(open.number) : '';
    return html`<div class="alert warn" role="alert" data-open-case=${open.id}>
      <p>${t('alreadyOpen', { procedure: tx(p.title), number })}</p>
      <a href=${href('cases', open.id)}>${t('openTheCase', { number })}</a>
    </div>`;
  }

  /** Nothing to start: who does start cases, and where this user's work is. */
  private renderNothingToStart() {
    const all = this.procs.value ?? [];
    const starters = [...new Set(all.flatMap((p) => p.startRoles))].map((r) => tx(defs.roleLabel(r)));
    const mine = (currentUser()?.roles ?? []).filter((r) => r !== ADMIN_ROLE).map((r) => tx(defs.roleLabel(r)));
    return html`<div class="card" data-nothing-to-start>
      <p>${t('nothingToStart', { roles: mine.join(t('listSep')) || t('noRoles') })}</p>
      ${starters.length ? html`<p>${t('whoStarts', { roles: starters.join(t('listSep')) })}</p>` : nothing}
      <p>${t('tasksInInbox')} <a href=${href('inbox')}>${t('goToInbox')}</a></p>
    </div>`;
  }

  private renderGuards() {
    const g = this.guards;
    const p = this.proc.value;
    if (!p || p.id !== this.procedureId) return html`<p class="muted">${t('guardsAfterProcedure')}</p>`;
    if (p.subject && !this.subjectId) return html`<p class="muted">${t('chooseSubject')}</p>`;
    // Until the form's required fields are filled, "every condition is met" would speak of what is not yet there.
    const incomplete = Boolean(p.startForm && validate(p.startForm.schema, compact(this.input), getLang()).length);
    return html`<div aria-live="polite" data-guards=${g.checking ? 'checking' : g.result ? (g.result.ok ? 'ok' : 'failed') : 'none'}>
      ${g.checking ? html`<p role="status" class="muted">${t('checking')}</p>` : nothing}
      ${g.error ? html`<dabir-problem .error=${g.error}></dabir-problem>` : nothing}
      ${g.result?.ok && !g.result.openCase && !g.checking
        ? incomplete ? html`<p class="muted" role="status" data-guards-so-far>${t('guardsSoFar')}</p>` : html`<p class="status-ok" role="status">✓ ${t('guardsPass')}</p>`
        : nothing}
      ${g.result?.openCase && !g.checking ? html`<p class="error-text" role="status">${t('openCaseBlocks')}</p>` : nothing}
      ${g.result && !g.result.ok ? html`<dabir-failures .failures=${g.result.failures} heading=${t('guardsFail')}></dabir-failures>` : nothing}
    </div>`;
  }

  override render() {
    const list = (this.procs.value ?? []).filter((p) => p.canStart);
    const p = this.proc.value && this.proc.value.id === this.procedureId ? this.proc.value : undefined;
    const entity = this.entity();
    const type = entity ? this.types.value?.find((e) => e.id === entity) : undefined;
    const alreadyOpen = Boolean(this.guards.result?.openCase) || this.action.error?.code === 'case-already-open';
    const blocked = Boolean(this.guards.result && !this.guards.result.ok) || Boolean(this.guards.result?.openCase);
    if (this.procs.value && !list.length) {
      return html`<h1>${t('startCase')}</h1>${this.renderNothingToStart()}`;
    }
    return html`
      <h1>${t('startCase')}</h1>
      <dabir-problem .error=${this.procs.error ?? this.proc.error}></dabir-problem>
      <div class="layout">
        <form class="card" @submit=${this.submit} novalidate aria-labelledby="start-h">
          <h2 id="start-h" class="sr-only">${t('startCase')}</h2>
          <div class="field">
            <label for="procedure">${t('chooseProcedure')}</label>
            <select id="procedure" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.procedureId}>${t('choose')}</option>
              ${list.map((x) => html`<option value=${x.id} ?selected=${x.id === this.procedureId}>${tx(x.title)}</option>`)}
            </select>
            ${p?.reference ? html`<span class="muted small">${t('reference')}: ${tx(p.reference)}</span>` : nothing}
          </div>
          ${entity ? html`
            <fieldset class="card">
              <legend>${t('chooseSubject')}: ${type ? tx(type.label) : entity}</legend>
              <div class="field">
                <label for="subject">${type ? tx(type.label) : entity}</label>
                <dabir-ref-picker .entity=${entity} .value=${this.subjectId || undefined} input-id="subject" required data-subject
                  @value-changed=${(e: CustomEvent<{ value?: string }>) => this.chooseSubject(e.detail.value)}></dabir-ref-picker>
              </div>
            </fieldset>` : nothing}
          <!-- An open case of this subject: said before any field is filled (the start form waits for another subject). -->
          ${this.renderOpenCase()}
          ${p?.startForm && !alreadyOpen ? html`
            <h2>${tx(p.startForm.title)}</h2>
            <dabir-form .schema=${p.startForm.schema} .value=${{ ...this.input, ...(this.guards.fresh ? this.guards.result?.derived ?? {} : {}) }}
              ?showErrors=${this.showErrors} id-prefix="start" derived-live
              .subject=${entity && this.subjectId ? { entity, id: this.subjectId } : undefined}
              .serverErrors=${this.action.error?.fieldErrors ?? []} .uploader=${stage}
              @value-changed=${(e: CustomEvent<{ value: Record<string, unknown> }>) => (this.input = withoutDerived(p.startForm?.schema, e.detail.value))}></dabir-form>` : nothing}
          ${alreadyOpen ? nothing : html`<dabir-problem .error=${this.action.error}></dabir-problem>`}
          ${p && !alreadyOpen ? html`
            ${blocked ? html`<p class="error-text" id="blocked">${t('fixFirst')}</p>` : nothing}
            <button type="submit" ?disabled=${this.action.pending || blocked || (Boolean(entity) && !this.subjectId)} aria-describedby=${blocked ? 'blocked' : nothing}>
              ${this.action.pending ? t('saving') : t('submitStart')}</button>` : nothing}
        </form>
        <aside class="card guards" aria-labelledby="guards-h">
          <h2 id="guards-h">${t('startConditions')}</h2>
          ${this.renderGuards()}
        </aside>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dabir-start-case': DabirStartCase;
  }
}
