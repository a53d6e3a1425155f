/**
 * The compiled bundle as plain JSON: procedures with steps and transitions, and every effective parameter
 * with its value, type, resolution, effective date and source — for `dabir describe`, the API and the UI.
 */
import { procedureEdges } from './diagram/graph.js';
import type { Bundle, Parameter, ProcedureDef, SourcePos, Step } from './model.js';
import { paramAt } from './rules/index.js';

const where = (s: SourcePos) => `${s.file}:${s.line}:${s.col}`;

/** One parameter as in force on `asOf`, with its full history. */
export function describeParameter(p: Parameter, asOf: string) {
  const current = paramAt(p, asOf);
  return {
    id: p.id,
    type: p.type,
    unit: p.unit,
    label: p.label,
    bounds: p.bounds,
    value: current?.value,
    in_force: current !== undefined,
    resolution: current && {
      id: current.resolution.id,
      title: current.resolution.title,
      date: current.resolution.date,
      reference: current.resolution.reference,
      sample: current.resolution.sample,
      modelling_default: current.resolution.modellingDefault,
      bundle: current.resolution.source.bundle,
    },
    effective_date: current?.resolution.date,
    source: current ? where(current.source) : where(p.source),
    declared_at: where(p.source),
    history: p.history.map((h) => ({ value: h.value, resolution: h.resolution.id, date: h.resolution.date, source: where(h.source), bundle: h.source.bundle })),
  };
}

function describeStep(s: Step) {
  const { source, ...rest } = s as Step & { source: SourcePos };
  return { ...rest, source: where(source) };
}

/** One procedure: its steps (definition order) and transitions. */
export function describeProcedure(p: ProcedureDef) {
  return {
    id: p.id,
    title: p.title,
    reference: p.reference,
    subject: p.subject,
    start: p.start,
    source: where(p.source),
    steps: p.steps.map(describeStep),
    transitions: procedureEdges(p),
  };
}

/** The whole bundle; parameter values as in force on `asOf` (Jalali date). */
export function describeBundle(bundle: Bundle, asOf: string) {
  return {
    bundle: bundle.info,
    hash: bundle.hash,
    as_of: asOf,
    parameters: [...bundle.parameters.values()].map((p) => describeParameter(p, asOf)),
    procedures: [...bundle.procedures.values()].map(describeProcedure),
    resolutions: [...bundle.resolutions.values()].map((r) => ({ ...r, source: where(r.source) })),
    roles: [...bundle.roles.values()].map((r) => ({ id: r.id, label: r.label, external: r.external })),
    rules: [...bundle.rules.values()].map((r) => ({ id: r.id, label: r.label, params: r.params, source: where(r.source) })),
    entities: [...bundle.entities.values()].map((e) => ({ id: e.id, label: e.label, key: e.key })),
    forms: [...bundle.forms.keys()],
    checklists: [...bundle.checklists.keys()],
    triggers: [...bundle.triggers.keys()],
    scenarios: bundle.scenarios.length,
  };
}
