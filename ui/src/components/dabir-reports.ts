/** Reports: cases by procedure and status, overdue tasks, durations of ended cases — as inline SVG bar charts, each downloadable as CSV. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { api, type CasesReport, type DurationRow, type Page, type TaskRow } from '../api/client.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { ResourceController } from '../controllers/resource-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import * as defs from '../definitions.js';
import { n, t, tx, type StringKey } from '../i18n/index.js';
import { caseName } from './case-name.js';
import { href } from '../router.js';
import { base } from './styles.js';
import './dabir-bar-chart.js';
import './dabir-due.js';
import './dabir-problem.js';

const STATUSES: [string, StringKey][] = [['active', 'statusActive'], ['ended', 'statusEnded'], ['cancelled', 'statusCancelled'], ['failed', 'statusFailed']];

@customElement('dabir-reports')
export class DabirReports extends LitElement {
  static override styles = [base, css`
    .head { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; justify-content: space-between; }
    .table-wrap { overflow-x: auto; }
  `];

  private readonly cases = new ResourceController<[], CasesReport>(this, () => api.reportCases(), () => []);
  private readonly overdue = new ResourceController<[], Page<TaskRow>>(this, () => api.reportOverdue({ limit: 100 }), () => []);
  private readonly durations = new ResourceController<[], DurationRow[]>(this, () => api.reportDurations(), () => []);

  constructor() {
    super();
    new LocaleController(this);
    new StoreController(this, defs.definitionsVersion);
  }

  override render() {
    const c = this.cases.value;
    const o = this.overdue.value;
    const du = this.durations.value;
    const byProcOverdue = new Map<string, number>();
    for (const x of o?.items ?? []) byProcOverdue.set(x.procedure, (byProcOverdue.get(x.procedure) ?? 0) + 1);
    return html`
      <h1>${t('reports')}</h1>
      <dabir-problem .error=${this.cases.error ?? this.overdue.error ?? this.durations.error}></dabir-problem>
      <section class="card" aria-labelledby="r-cases">
        <div class="head"><h2 id="r-cases">${t('casesByProcedure')}</h2>${this.download('cases')}</div>
        ${c ? html`<p class="muted small">${t('total', { n: c.total })}</p>
          ${c.total ? html`<dabir-bar-chart caption=${t('casesByProcedure')} .series=${STATUSES.map(([, k]) => t(k))}
            .bars=${Object.entries(c.byProcedure).map(([p, by]) => ({ label: tx(defs.procedureTitle(p)), values: STATUSES.map(([s]) => by[s] ?? 0) }))}></dabir-bar-chart>`
            : html`<p>${t('noCasesYet')}</p>`}` : html`<p role="status">${t('loading')}</p>`}
      </section>
      <section class="card" aria-labelledby="r-overdue">
        <div class="head"><h2 id="r-overdue">${t('overdueTasks')}</h2>${this.download('overdue')}</div>
        ${o ? html`<p class="muted small">${t('total', { n: o.total })}</p>
          ${byProcOverdue.size ? html`<dabir-bar-chart caption=${t('overdueTasks')} .series=${[t('overdue')]}
            .bars=${[...byProcOverdue].map(([p, v]) => ({ label: tx(defs.procedureTitle(p)), values: [v] }))}></dabir-bar-chart>
            <div class="table-wrap"><table><thead><tr><th scope="col">${t('procedure')}</th><th scope="col">${t('task')}</th><th scope="col">${t('role')}</th><th scope="col">${t('due')}</th><th scope="col">${t('case')}</th></tr></thead>
            <tbody>${o.items.map((x) => html`<tr><td>${tx(defs.procedureTitle(x.procedure))}</td><td>${tx(defs.stepLabel(x.procedure, x.step))}</td>
              <td>${tx(defs.roleLabel(x.role))}</td><td><dabir-due .due=${x.due} ?overdue=${x.overdue}></dabir-due></td>
              <td><a href=${href('cases', x.caseId)}>${caseName(x.caseNumber, x.subjectTitle)}</a></td></tr>`)}</tbody></table></div>`
            : html`<p>${t('noOverdue')}</p>`}` : html`<p role="status">${t('loading')}</p>`}
      </section>
      <section class="card" aria-labelledby="r-dur">
        <div class="head"><h2 id="r-dur">${t('durations')}</h2>${this.download('durations')}</div>
        ${du ? du.length ? html`<dabir-bar-chart caption=${t('durations')} .series=${[t('average')]}
            .bars=${du.map((r) => ({ label: tx(defs.procedureTitle(r.procedure)), values: [Math.round(r.meanDays * 10) / 10] }))}></dabir-bar-chart>
          <table><thead><tr><th scope="col">${t('procedure')}</th><th scope="col">${t('count')}</th><th scope="col">${t('average')}</th><th scope="col">${t('median')}</th><th scope="col">${t('p90')}</th><th scope="col">${t('max')}</th></tr></thead>
          <tbody>${du.map((r) => html`<tr><td>${tx(defs.procedureTitle(r.procedure))}</td><td>${n(r.count)}</td><td>${n(r.meanDays)}</td><td>${n(r.medianDays)}</td><td>${n(r.p90Days)}</td><td>${n(r.maxDays)}</td></tr>`)}</tbody></table>`
          : html`<p>${t('noEndedCases')}</p>` : html`<p role="status">${t('loading')}</p>`}
      </section>
      ${nothing}`;
  }

  private download(report: 'cases' | 'overdue' | 'durations') {
    return html`<a class="btn secondary" data-export=${report} href=${api.reportCsvUrl(report)} download>${t('downloadCsv')}</a>`;
  }
}


declare global {
  interface HTMLElementTagNameMap {
    'dabir-reports': DabirReports;
  }
}
