/**
 * Client-side diagram of a procedure (used when the server's SVG is unavailable): the engine's own graph and layout
 * (engine/diagram) over the steps the API describes, so the server's drawing and this one cannot label differently.
 * Loaded on demand (dagre is not in the first page's bundle).
 */
import { layoutProcedure } from '../../../engine/diagram/layout.js';
import type { ProcedureDef } from '../../../engine/model.js';
import type { Step } from '../api/client.js';

/** The steps of a procedure by id (a sub-procedure's child), when known. */
export type StepsLookup = (procedure: string) => Step[] | undefined;

export interface LaidOut {
  width: number;
  height: number;
  nodes: { step: Step; x: number; y: number; w: number; h: number; text: string; lines: string[] }[];
  edges: { points: { x: number; y: number }[]; text?: string }[];
}

/** The API's steps are the engine's compiled steps as JSON: a procedure of them is enough for the graph. */
const asProcedure = (steps: Step[]) => ({ steps }) as unknown as ProcedureDef;

/** Positions for every step and points for every edge; labels in `lang` (`childSteps` names sub-procedures' results). */
export function layout(steps: Step[], lang: 'fa' | 'en', childSteps?: StepsLookup): LaidOut {
  const lookup = (id: string) => {
    const child = childSteps?.(id);
    return child ? asProcedure(child) : undefined;
  };
  const l = layoutProcedure(asProcedure(steps), lang, lookup);
  return {
    width: l.width,
    height: l.height,
    nodes: l.nodes.map((n) => ({ step: n.step as unknown as Step, x: n.x, y: n.y, w: n.width, h: n.height, text: n.text, lines: n.lines })),
    edges: l.edges.map((e) => ({ points: e.points, ...(e.text ? { text: e.text } : {}) })),
  };
}
