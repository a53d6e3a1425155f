/** The operations of the OpenAPI document, as data the generated tests walk (every endpoint, its access, its body). */
type Schema = Record<string, unknown>;

export interface Op {
  method: string;
  /** OpenAPI path, e.g. `/cases/{id}`. */
  path: string;
  access: 'public' | 'user' | 'keeper' | 'admin';
  params: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: Schema }[];
  /** Content type → schema of the request body, if any. */
  body?: { contentType: string; schema: Schema; required: boolean };
}

/** Every operation in `doc`. */
export function operations(doc: Schema): Op[] {
  const out: Op[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const [method, op] of Object.entries(item)) {
      const rb = op.requestBody as { required?: boolean; content: Record<string, { schema: Schema }> } | undefined;
      const [ct, media] = rb ? Object.entries(rb.content)[0] : [];
      out.push({
        method: method.toUpperCase(), path, access: op['x-access'] as Op['access'], params: (op.parameters as Op['params'] | undefined) ?? [],
        body: ct && media ? { contentType: ct, schema: media.schema, required: rb?.required !== false } : undefined,
      });
    }
  }
  return out;
}

/** Resolves `#/components/schemas/X` references (shallowly, on demand). */
export function resolver(doc: Schema): (s: Schema) => Schema {
  const components = (doc.components as { schemas: Record<string, Schema> }).schemas;
  return (s) => {
    let cur = s;
    while (typeof cur.$ref === 'string') cur = components[(cur.$ref as string).split('/').pop()!];
    return cur;
  };
}

/** The path with its parameters filled from `values` (URL-encoded). */
export const fillPath = (path: string, values: Record<string, string>): string =>
  `/api${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'))}`;
