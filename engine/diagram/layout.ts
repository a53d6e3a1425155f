/**
 * Lays a procedure out with dagre: positions for every step and points for every edge.
 */
import dagre from '@dagrejs/dagre';
import { toPersianDigits } from '../calendar/digits.js';
import type { ProcedureDef, Step } from '../model.js';
import { procedureEdges, type Edge, type ProcedureLookup } from './graph.js';

export interface NodeBox {
  step: Step;
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  /** The label wrapped into lines that fit the box. */
  lines: string[];
}

export interface EdgePath {
  edge: Edge;
  points: { x: number; y: number }[];
  text?: string;
  /** Where the label goes (dagre leaves room for it). */
  labelAt?: { x: number; y: number };
}

export interface Layout {
  width: number;
  height: number;
  nodes: NodeBox[];
  edges: EdgePath[];
}

const CHAR_WIDTH = 6.4;
const LINE_CHARS = 30;
export const LINE_HEIGHT = 16;

/** Greedy word wrap at `max` characters a line (a longer word gets a line of its own). */
export function wrap(text: string, max = LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}


/** The laid-out diagram of a procedure with labels in `lang` (`lookup` names sub-procedures' results). */
export function layoutProcedure(proc: ProcedureDef, lang: 'fa' | 'en' = 'fa', lookup?: ProcedureLookup): Layout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 44, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const texts = new Map<string, string>();
  for (const s of proc.steps) {
    const label = (lang === 'en' ? s.label.en : undefined) ?? s.label.fa;
    const no = s.step_no === undefined ? '' : lang === 'fa' ? `${toPersianDigits(String(s.step_no))}. ` : `${s.step_no}. `;
    const text = `${no}${label}`;
    texts.set(s.id, text);
    const round = s.kind === 'split' || s.kind === 'join';
    const lines = wrap(text);
    const width = Math.max(90, Math.max(...lines.map((l) => l.length)) * CHAR_WIDTH + 28);
    g.setNode(s.id, round ? { width: 36, height: 36 } : { width, height: 16 + lines.length * LINE_HEIGHT });
  }
  const edges = procedureEdges(proc, lookup);
  edges.forEach((e, i) => {
    const text = e.label ? ((lang === 'en' ? e.label.en : undefined) ?? e.label.fa) : undefined;
    g.setEdge(e.from, e.to, { label: text, width: text ? text.length * 5.6 + 8 : 0, height: text ? 14 : 0, labelpos: 'c' }, `e${i}`);
  });
  dagre.layout(g);
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: proc.steps.map((step) => {
      const n = g.node(step.id);
      const text = texts.get(step.id)!;
      return { step, x: n.x, y: n.y, width: n.width, height: n.height, text, lines: wrap(text) };
    }),
    edges: edges.map((edge, i) => {
      const d = g.edge({ v: edge.from, w: edge.to, name: `e${i}` }) as { points: { x: number; y: number }[]; label?: string; x?: number; y?: number };
      const labelAt = d.label && d.x !== undefined && d.y !== undefined ? { labelAt: { x: d.x, y: d.y } } : {};
      return { edge, points: d.points, ...(d.label ? { text: d.label } : {}), ...labelAt };
    }),
  };
}
