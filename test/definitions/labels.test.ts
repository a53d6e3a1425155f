/**
 * Issue 10 over the bundles as written: every rule labels the values it shows a person; every coded value of an entity
 * or of a table has option labels; every form field that names a record is a reference; a checklist item takes the same
 * keys as a form field (the two schemas agree).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fsSource } from '../../cli/fs-source.js';
import { loadBundle } from '../../engine/load/index.js';
import type { FormField } from '../../engine/model.js';

const bundles = readdirSync('definitions', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
type Schema = Record<string, any>;

/** Every `enum` of a schema without `x-options` (its path). */
function unlabelled(schema: Schema | undefined, path: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const out = schema.enum && !schema['x-options'] ? [path] : [];
  for (const [k, v] of Object.entries(schema.properties ?? {})) out.push(...unlabelled(v as Schema, `${path}.${k}`));
  if (schema.items) out.push(...unlabelled(schema.items, `${path}[]`));
  return out;
}

describe.each(bundles)('definitions/%s', (name) => {
  const bundle = loadBundle(`definitions/${name}`, fsSource).bundle!;

  it('labels the values every rule shows (the others only fill its message)', () => {
    const bare = [...bundle.rules.values()].filter((r) => Object.keys(r.values).length && !(r.show ?? []).length).map((r) => r.id);
    expect(bare).toEqual([]);
    for (const r of bundle.rules.values()) for (const s of r.show ?? []) expect(s.label.fa, `${r.id}.${s.key}`).toBeTruthy();
  });

  it('gives every coded field of an entity and every coded column of a table its option labels', () => {
    const entities = [...bundle.entities.values()].flatMap((e) => unlabelled(e.schema, e.id));
    const tables = [...bundle.parameters.values()].filter((p) => p.type === 'table').flatMap((p) => unlabelled(p.columns as Schema, p.id));
    expect([...entities, ...tables]).toEqual([]);
  });

  it('asks for records only through references: no free-text field for a place, an office, a person or an agency', () => {
    const entityIds = [...bundle.entities.keys()];
    const free = [...bundle.forms.values()].flatMap((f) => {
      const walk = (fields: FormField[]): string[] => fields.flatMap((x) => [
        ...(entityIds.includes(x.id) || entityIds.some((e) => x.id === `${e}s`) ? (x.type === 'ref' || x.of === 'ref' ? [] : [`${f.id}.${x.id}`]) : []),
        ...walk(x.fields ?? []),
      ]);
      return walk(f.fields);
    });
    expect(free).toEqual([]);
  });
});

describe('the checklist item schema', () => {
  it('takes every key of a form field (but visible_when and derive) and its own pass, applies_when and critical', () => {
    const forms = JSON.parse(readFileSync('schemas/forms.schema.json', 'utf8'));
    const lists = JSON.parse(readFileSync('schemas/checklists.schema.json', 'utf8'));
    const field = Object.keys(forms.$defs.field.properties).filter((k) => k !== 'visible_when' && k !== 'derive').sort();
    const item = Object.keys(lists.$defs.item.properties).sort();
    expect(item).toEqual([...field, 'applies_when', 'critical', 'pass'].sort());
  });
});
