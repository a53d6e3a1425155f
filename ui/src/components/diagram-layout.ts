/**
 * Client-side diagram of a procedure (used when the server's SVG is unavailable): the steps and their transitions as
 * the definitions give them, laid out with dagre. Loaded on demand (dagre is not in the first page's bundle).
 */
import dagre from '@dagrejs/dagre';
import type { Step, Text } from '../api/client.js';

export interface Edge {
  from: string;
  to: string;
  label?: Text;
}

const OTHERWISE: Text = { fa: 'در غیر این صورت', en: 'otherwise' };
const CHILD_RESULTS: Record<string, Text> = {
  refused: { fa: 'رد شد', en: 'refused' },
  cancelled: { fa: 'ابطال شد', en: 'cancelled' },
  failed: { fa: 'با خطا پایان یافت', en: 'failed' },
};
const NONE_SELECTED: Text = { fa: 'هیچ‌کس برگزیده نشد', en: 'none selected' };
const faNumber = (n: number) => String(n).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);

/** The steps of a procedure by id (a sub-procedure's child), when known. */
export type StepsLookup = (procedure: string) => Step[] | undefined;

/** A child procedure's result in its own words: the label of the end step(s) that give it. */
function resultLabel(steps: Step[] | undefined, result: string): Text | undefined {
  const ends = (steps ?? []).filter((s) => s.kind === 'end' && s.result === result);
  if (ends.length === 1) return ends[0].label;
  if (ends.length > 1) {
    const fa = [...new Set(ends.map((s) => s.label.fa))];
    const en = [...new Set(ends.map((s) => s.label.en ?? s.label.fa))];
    return fa.length === 1 ? ends[0].label : { fa: fa.join(' / '), en: en.join(' / ') };
  }
  return CHILD_RESULTS[result];
}

/** Every transition a step can take, labelled from the definitions (mirrors engine/diagram/graph.ts over the API's step JSON). */
export function stepEdges(s: Step, childSteps?: StepsLookup): Edge[] {
  const e = (to: unknown, label?: Text): Edge[] => (typeof to === 'string' && to ? [{ from: s.id, to, ...(label ? { label } : {}) }] : []);
  const next = s.next as unknown;
  switch (s.kind) {
    case 'task':
    case 'decision':
    case 'inquiry': {
      const outcomes = s.outcomes ?? [];
      const many = outcomes.filter((o) => o.next).length > 1;
      return outcomes.flatMap((o) => e(o.next, o.label ?? (many ? { fa: o.id, en: o.id } : undefined)));
    }
    case 'inquiry-each': {
      const n = (next ?? {}) as { then?: string; otherwise?: string; all?: string };
      const all = (s.outcomes ?? []).find((o) => o.id === n.all)?.label;
      const then: Text = all ? { fa: `همه: ${all.fa}`, en: `all: ${all.en ?? all.fa}` } : { fa: 'همه', en: 'all' };
      return [...e(n.then, then), ...e(n.otherwise, OTHERWISE)];
    }
    case 'inspection': {
      const n = (next ?? {}) as { pass?: string; fail?: string };
      return [...e(n.pass, { fa: 'قبول', en: 'pass' }), ...e(n.fail, { fa: 'رد', en: 'fail' })];
    }
    case 'split':
      return (s.branches ?? []).flatMap((b) => e(b));
    case 'route':
      return [
        ...(s.routes ?? []).flatMap((r, i) => e(r.next, (r as { label?: Text }).label ?? { fa: `شرط ${faNumber(i + 1)}`, en: `condition ${i + 1}` })),
        ...e(s.otherwise, OTHERWISE),
      ];
    case 'subprocedure': {
      const child = typeof s.procedure === 'string' ? childSteps?.(s.procedure) : undefined;
      // with `each`, `none` is the way on when no item was selected
      return Object.entries((next ?? {}) as Record<string, string>).flatMap(([k, to]) => e(to, k === 'otherwise' ? OTHERWISE
        : k === 'none' && s.each ? NONE_SELECTED : resultLabel(child, k) ?? { fa: k, en: k }));
    }
    case 'end':
      return [];
    default:
      return e(next);
  }
}

export interface LaidOut {
  width: number;
  height: number;
  nodes: { step: Step; x: number; y: number; w: number; h: number; text: string }[];
  edges: { points: { x: number; y: number }[]; text?: string }[];
}

/** Positions for every step and points for every edge; labels in `lang` (`childSteps` names sub-procedures' results). */
export function layout(steps: Step[], lang: 'fa' | 'en', childSteps?: StepsLookup): LaidOut {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 44, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const pick = (x: Text | undefined) => (x ? (lang === 'en' ? x.en : undefined) ?? x.fa : undefined);
  const texts = new Map<string, string>();
  for (const s of steps) {
    const text = `${s.step_no !== undefined ? `${s.step_no}. ` : ''}${pick(s.label) ?? s.id}`;
    texts.set(s.id, text);
    const round = s.kind === 'split' || s.kind === 'join';
    g.setNode(s.id, { width: round ? 36 : Math.min(260, Math.max(90, text.length * 7.2 + 28)), height: round ? 36 : 44 });
  }
  const edges = steps.flatMap((s) => stepEdges(s, childSteps)).filter((e) => texts.has(e.to));
  edges.forEach((e, i) => {
    const text = pick(e.label);
    g.setEdge(e.from, e.to, { label: text, width: text ? text.length * 6 : 0, height: text ? 14 : 0, labelpos: 'c' }, `e${i}`);
  });
  dagre.layout(g);
  const gr = g.graph();
  return {
    width: Math.ceil(gr.width ?? 0),
    height: Math.ceil(gr.height ?? 0),
    nodes: steps.map((step) => {
      const n = g.node(step.id);
      return { step, x: n.x, y: n.y, w: n.width, h: n.height, text: texts.get(step.id)! };
    }),
    edges: edges.map((e, i) => {
      const d = g.edge({ v: e.from, w: e.to, name: `e${i}` }) as { points: { x: number; y: number }[] };
      return { points: d.points, text: pick(e.label) };
    }),
  };
}
