/**
 * Static analysis of a logic tree: which operators, parameters, facts, rules and data paths it uses, and where.
 * The loader uses it to report unknown operators and ids with a JSON pointer, and to type-check parameters
 * against the operator that consumes them. Pointers are relative to the logic root (`/and/0/>=/1`); an operator
 * node's pointer is the pointer of the object that holds the operator.
 */
import { SCOPED_OPERATORS, isKnownOperator } from './operators.js';
import { MAX_LOGIC_DEPTH, isLogicNode } from './limits.js';

/** The type an operator wants from an argument; `list` is also satisfied by a string for `in`. */
export type ExpectedType = 'number' | 'date' | 'boolean' | 'string' | 'list' | 'any';

/** What a logic tree uses. `depth`/`size` are measured as in limits.ts. */
export interface LogicAnalysis {
  /** Distinct operators used, in order of first use. */
  operators: string[];
  unknownOperators: { op: string; pointer: string }[];
  /** Every `{param}` whose id is a literal string, with the type the surrounding operator expects. */
  params: { id: string; pointer: string; expected: ExpectedType }[];
  /** Every `{fact}` whose id is a literal string; `argc` counts the arguments after the id. */
  facts: { id: string; pointer: string; argc: number }[];
  rules: { id: string; pointer: string }[];
  /** Distinct literal `var` paths read from the root data (not those inside map/filter/… item logic). */
  vars: string[];
  depth: number;
  size: number;
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', 'min', 'max']);
const COMPARISON = new Set(['<', '>', '<=', '>=']);
const CONDITION = new Set(['and', 'or', '!', '!!']);
const SCOPED = new Set(SCOPED_OPERATORS);
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}$/;

/** Escapes one JSON-pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** True when a node is obviously a date: a date literal or a date-valued custom operator. */
function isDateLike(node: unknown): boolean {
  if (typeof node === 'string') return DATE_LITERAL.test(node);
  if (!isLogicNode(node)) return false;
  const op = Object.keys(node)[0];
  return op === 'today' || op === 'add_months' || op === 'add_days' || op === 'add_years';
}

/** The type operator `op` (with arguments `args`) expects at position `i`; `outer` is what the op itself must produce. */
function expectedArg(op: string, args: unknown[], i: number, outer: ExpectedType): ExpectedType {
  if (ARITHMETIC.has(op)) return 'number';
  if (COMPARISON.has(op)) return args.some((a, j) => j !== i && isDateLike(a)) ? 'date' : 'number';
  if (op === 'years_between' || op === 'months_between' || op === 'days_between' || op === 'jalali_year') return 'date';
  if (op === 'add_months' || op === 'add_days' || op === 'add_years') return i === 0 ? 'date' : 'number';
  if (op === 'if' || op === '?:') return i % 2 === 0 && i < args.length - 1 ? 'any' : outer;
  if (op === 'in') return i === 1 ? 'list' : 'any';
  if (op === 'substr') return i === 0 ? 'string' : 'number';
  if (SCOPED.has(op)) return i === 0 ? 'list' : 'any';
  if (op === 'param') return i === 1 ? 'date' : 'any';
  if (op === 'floor' || op === 'ceil' || op === 'round') return 'number';
  if (op === 'count' || op === 'keys') return 'list';
  if (op === 'find') return i === 0 ? 'list' : 'any';
  if (CONDITION.has(op)) return 'any';
  return 'any';
}

/** Analyzes a logic tree. Never throws; stops descending below MAX_LOGIC_DEPTH + 1 levels. */
export function analyze(logic: unknown): LogicAnalysis {
  const out: LogicAnalysis = { operators: [], unknownOperators: [], params: [], facts: [], rules: [], vars: [], depth: 0, size: 0 };
  const ops = new Set<string>();
  const vars = new Set<string>();

  const walk = (node: unknown, pointer: string, depth: number, expected: ExpectedType, scoped: boolean): void => {
    out.size++;
    let children: unknown[];
    let childPointer: (i: number) => string;
    let op: string | undefined;
    if (Array.isArray(node)) {
      children = node;
      childPointer = (i) => `${pointer}/${i}`;
    } else if (isLogicNode(node)) {
      op = Object.keys(node)[0];
      const raw = node[op];
      const base = `${pointer}/${escapePointer(op)}`;
      children = Array.isArray(raw) ? raw : [raw];
      childPointer = Array.isArray(raw) ? (i) => `${base}/${i}` : () => base;
      record(op, children, pointer, expected, scoped);
    } else return;
    const d = depth + 1;
    if (d > out.depth) out.depth = d;
    if (d > MAX_LOGIC_DEPTH) return;
    for (let i = 0; i < children.length; i++) {
      const childExpected = op === undefined ? 'any' : expectedArg(op, children, i, expected);
      const childScoped = scoped || (op !== undefined && SCOPED.has(op) && i >= 1 && !(op === 'reduce' && i === 2));
      walk(children[i], childPointer(i), d, childExpected, childScoped);
    }
  };

  const record = (op: string, args: unknown[], pointer: string, expected: ExpectedType, scoped: boolean): void => {
    if (!ops.has(op)) { ops.add(op); out.operators.push(op); }
    if (!isKnownOperator(op)) { out.unknownOperators.push({ op, pointer }); return; }
    const first = args[0];
    if (op === 'param' && typeof first === 'string') out.params.push({ id: first, pointer, expected });
    else if (op === 'fact' && typeof first === 'string') out.facts.push({ id: first, pointer, argc: args.length - 1 });
    else if (op === 'rule' && typeof first === 'string') out.rules.push({ id: first, pointer });
    else if (op === 'var' && !scoped && (typeof first === 'string' || typeof first === 'number') && first !== '') vars.add(String(first));
  };

  walk(logic, '', 0, 'any', false);
  out.vars = [...vars];
  return out;
}
