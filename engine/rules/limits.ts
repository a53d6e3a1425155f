/**
 * Size limits on a logic tree. Logic deeper or larger than these is refused before it runs, so evaluation
 * (and the recursive compiler) can never exhaust the stack or take unbounded time on the tree itself.
 *
 * Depth counts nesting levels: an operator node with its argument list is one level, a literal list is one
 * level, a primitive or a literal object (zero or several keys) adds none. Size counts operator nodes, literal
 * lists and leaves (an operator's argument list is not counted separately).
 */

/** The deepest nesting a logic tree may have. */
export const MAX_LOGIC_DEPTH = 64;

/** The most nodes a logic tree may have. */
export const MAX_LOGIC_NODES = 10_000;

/** The result of measuring a tree; measuring stops early once a limit is exceeded. */
export interface LogicMeasure {
  depth: number;
  size: number;
  /** True when depth ≤ MAX_LOGIC_DEPTH and size ≤ MAX_LOGIC_NODES. */
  ok: boolean;
}

/** True for a json-logic operator node: a plain object with exactly one key. */
export function isLogicNode(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length === 1;
}

/** Measures depth and size of a logic tree, stopping as soon as a limit is exceeded. */
export function measureLogic(logic: unknown): LogicMeasure {
  let size = 0;
  let maxDepth = 0;
  let exceeded = false;
  const walk = (node: unknown, depth: number): void => {
    if (exceeded) return;
    size++;
    if (size > MAX_LOGIC_NODES) { exceeded = true; return; }
    let children: unknown[] | undefined;
    if (Array.isArray(node)) children = node;
    else if (isLogicNode(node)) {
      const v = node[Object.keys(node)[0]];
      children = Array.isArray(v) ? v : [v];
    } else return;
    const d = depth + 1;
    if (d > maxDepth) maxDepth = d;
    if (d > MAX_LOGIC_DEPTH) { exceeded = true; return; }
    for (let i = 0; i < children.length; i++) walk(children[i], d);
  };
  walk(logic, 0);
  return { depth: maxDepth, size, ok: !exceeded };
}
