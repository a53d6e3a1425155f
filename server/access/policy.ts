/**
 * Who may read what, from the definitions: an entity's `sensitive:` groups (fields only some roles read), a step's
 * `confidential:` (its answers only for some roles and the step's own), and the rules whose values come from
 * sensitive fields. One `Access` per request: the user's roles against one bundle. Pure: no store, no HTTP.
 */
import type { Bundle, Step, Text } from '../../engine/index.js';

/** What a withheld value is replaced by in every answer: the UI shows «محرمانه». */
export interface Withheld {
  $withheld: true;
  /** The sensitive group's name, when it has one. */
  label?: Text;
}

/** The marker for a withheld value. */
export const withheld = (label?: Text): Withheld => (label ? { $withheld: true, label } : { $withheld: true });

/** Whether a value is the withheld marker (what a client sends back unchanged). */
export const isWithheld = (v: unknown): v is Withheld => typeof v === 'object' && v !== null && (v as Withheld).$withheld === true;

/** A sensitive field of an entity: the roles that read it and its group's label. */
interface FieldRule {
  roles: readonly string[];
  label?: Text;
}

type Obj = Record<string, unknown>;

/** Field name → who reads it, per entity; and per rule, the sensitive fields its logic names. Once per bundle. */
interface Compiled {
  fields: Map<string, Map<string, FieldRule>>;
  /** Rule id → the readers of every sensitive field it names (all of them must be readable to see its values). */
  rules: Map<string, FieldRule[]>;
}

const compiled = new WeakMap<Bundle, Compiled>();

/** Every string a logic names: `var` paths split at dots and literal strings (`get: [..., <field>]`). */
function namesIn(logic: unknown, out: Set<string>): Set<string> {
  if (typeof logic === 'string') {
    for (const part of logic.split('.')) out.add(part);
  } else if (Array.isArray(logic)) {
    for (const x of logic) namesIn(x, out);
  } else if (logic && typeof logic === 'object') {
    for (const v of Object.values(logic as Obj)) namesIn(v, out);
  }
  return out;
}

function compile(bundle: Bundle): Compiled {
  const hit = compiled.get(bundle);
  if (hit) return hit;
  const fields = new Map<string, Map<string, FieldRule>>();
  const byName = new Map<string, FieldRule[]>();
  for (const e of bundle.entities.values()) {
    const m = new Map<string, FieldRule>();
    for (const g of e.sensitive ?? []) {
      for (const f of g.fields) {
        const rule = { roles: g.roles, label: g.label };
        m.set(f, rule);
        byName.set(f, [...(byName.get(f) ?? []), rule]);
      }
    }
    if (m.size) fields.set(e.id, m);
  }
  const rules = new Map<string, FieldRule[]>();
  if (byName.size) {
    for (const r of bundle.rules.values()) {
      const names = namesIn([r.when, r.check, r.values], new Set());
      const hits = [...names].flatMap((n) => byName.get(n) ?? []);
      if (hits.length) rules.set(r.id, hits);
    }
  }
  const out = { fields, rules };
  compiled.set(bundle, out);
  return out;
}

/** The roles that may read a confidential step's answers: its `confidential.roles` and its own role. */
export function confidentialReaders(step: Step | undefined): string[] | undefined {
  if (!step || !('confidential' in step) || !step.confidential) return undefined;
  return [...step.confidential.roles, ...('role' in step ? [step.role] : [])];
}

/** One user's view of one bundle's declarations. */
export class Access {
  private readonly c: Compiled;
  private readonly roles: ReadonlySet<string>;

  constructor(readonly bundle: Bundle, roles: readonly string[]) {
    this.c = compile(bundle);
    this.roles = new Set(roles);
  }

  private holds(roles: readonly string[]): boolean {
    return roles.some((r) => this.roles.has(r));
  }

  /** The sensitive fields of `entity` (field → its rule); empty when it declares none. */
  sensitiveFields(entity: string): ReadonlyMap<string, FieldRule> {
    return this.c.fields.get(entity) ?? new Map();
  }

  /** The fields of `entity` this user may not read, with their group's label. */
  hiddenFields(entity: string): Map<string, Text | undefined> {
    const out = new Map<string, Text | undefined>();
    for (const [f, rule] of this.sensitiveFields(entity)) if (!this.holds(rule.roles)) out.set(f, rule.label);
    return out;
  }

  /** Whether this user may read `field` of `entity`. */
  mayRead(entity: string, field: string): boolean {
    const rule = this.sensitiveFields(entity).get(field);
    return !rule || this.holds(rule.roles);
  }

  /** Whether this user may read the values a rule's failure lists (it names no sensitive field they cannot read). */
  mayReadRule(rule: string): boolean {
    return (this.c.rules.get(rule) ?? []).every((r) => this.holds(r.roles));
  }

  /** Whether this user may read the answers of `step` of a procedure (of the case's own definition version). */
  mayReadStep(caseBundle: Bundle, procedure: string, step: string): boolean {
    const readers = confidentialReaders(caseBundle.procedures.get(procedure)?.stepIndex.get(step));
    return !readers || this.holds(readers);
  }
}
