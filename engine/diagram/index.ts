export { toMermaid } from './mermaid.js';
export { toSvg, type SvgOptions } from './svg.js';
export { layoutProcedure, type Layout } from './layout.js';
export { OTHERWISE, procedureEdges, stepEdges, type Edge, type ProcedureLookup } from './graph.js';
