/**
 * Lays a procedure out with dagre: positions for every step and points for every edge.
 */
import dagre from '@dagrejs/dagre';
import type { ProcedureDef, Step } from '../model.js';
import { procedureEdges, type Edge } from './graph.js';

export interface NodeBox {
  step: Step;
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
}

export interface EdgePath {
  edge: Edge;
  points: { x: number; y: number }[];
  text?: string;
}

export interface Layout {
  width: number;
  height: number;
  nodes: NodeBox[];
  edges: EdgePath[];
}

const CHAR_WIDTH = 7.2;

/** The laid-out diagram of a procedure with labels in `lang`. */
export function layoutProcedure(proc: ProcedureDef, lang: 'fa' | 'en' = 'fa'): Layout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 44, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const texts = new Map<string, string>();
  for (const s of proc.steps) {
    const label = (lang === 'en' ? s.label.en : undefined) ?? s.label.fa;
    const text = s.step_no !== undefined ? `${s.step_no}. ${label}` : label;
    texts.set(s.id, text);
    const round = s.kind === 'split' || s.kind === 'join';
    g.setNode(s.id, { width: round ? 36 : Math.min(260, Math.max(90, text.length * CHAR_WIDTH + 28)), height: round ? 36 : 44 });
  }
  const edges = procedureEdges(proc);
  edges.forEach((e, i) => {
    const text = e.label ? ((lang === 'en' ? e.label.en : undefined) ?? e.label.fa) : undefined;
    g.setEdge(e.from, e.to, { label: text, width: text ? text.length * 6 : 0, height: text ? 14 : 0, labelpos: 'c' }, `e${i}`);
  });
  dagre.layout(g);
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: proc.steps.map((step) => {
      const n = g.node(step.id);
      return { step, x: n.x, y: n.y, width: n.width, height: n.height, text: texts.get(step.id)! };
    }),
    edges: edges.map((edge, i) => {
      const d = g.edge({ v: edge.from, w: edge.to, name: `e${i}` }) as { points: { x: number; y: number }[]; label?: string };
      return { edge, points: d.points, ...(d.label ? { text: d.label } : {}) };
    }),
  };
}
