/**
 * The transitions of a procedure step as written: which step ids it can lead to, and where each is written.
 */

type Obj = Record<string, unknown>;

/** One transition: the target step id and the pointer (relative to the step) where it is written. */
export interface Edge {
  to: string;
  ptr: string;
}

function str(v: unknown): v is string {
  return typeof v === 'string';
}

/** The transitions of a step (raw definition data, schema-valid). */
export function stepEdges(step: Obj): Edge[] {
  const out: Edge[] = [];
  const add = (to: unknown, ptr: string): void => {
    if (str(to)) out.push({ to, ptr });
  };
  const next = step.next;
  switch (step.kind) {
    case 'task':
    case 'decision':
    case 'inquiry':
      add(next, '/next');
      ((step.outcomes ?? []) as Obj[]).forEach((o, i) => { add(o.next, `/outcomes/${i}/next`); });
      break;
    case 'inspection':
      add((next as Obj | undefined)?.pass, '/next/pass');
      add((next as Obj | undefined)?.fail, '/next/fail');
      break;
    case 'inquiry-each':
      add((next as Obj | undefined)?.then, '/next/then');
      add((next as Obj | undefined)?.otherwise, '/next/otherwise');
      break;
    case 'split':
      ((step.branches ?? []) as unknown[]).forEach((b, i) => { add(b, `/branches/${i}`); });
      break;
    case 'route':
      ((step.routes ?? []) as Obj[]).forEach((r, i) => { add(r.next, `/routes/${i}/next`); });
      add(step.otherwise, '/otherwise');
      break;
    case 'subprocedure':
      for (const [k, v] of Object.entries((next ?? {}) as Obj)) add(v, `/next/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      break;
    case 'join':
    case 'timer':
    case 'notify':
      add(next, '/next');
      break;
    default:
      break;
  }
  return out;
}
