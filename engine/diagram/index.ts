export { toMermaid } from './mermaid.js';
export { toSvg, type SvgOptions } from './svg.js';
export { layoutProcedure, type Layout } from './layout.js';
export { procedureEdges, stepEdges, type Edge } from './graph.js';
