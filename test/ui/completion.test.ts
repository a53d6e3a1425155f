/** Schema-driven completion of definition YAML (the editor's), without a browser. */
import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { loadSchemas, schemaCompletion, yamlPath } from '../../ui/src/components/yaml-schema-complete.js';

async function complete(doc: string): Promise<string[]> {
  const pos = doc.indexOf('|');
  const text = doc.replace('|', '');
  const kind = /^kind:\s*([\w-]+)/m.exec(text)?.[1];
  if (kind) await loadSchemas(kind);
  const r = schemaCompletion(new CompletionContext(EditorState.create({ doc: text }), pos, true));
  return (r?.options ?? []).map((o) => o.label);
}

describe('schema completion', () => {
  it('finds the path of keys above the cursor', () => {
    const lines = ['kind: procedure', 'steps:', '  - id: a', '    kind: task', '    lab'];
    expect(yamlPath(lines, 4, 7).path).toEqual(['steps', '-']);
  });

  it('offers the keys of a list item', async () => {
    expect(await complete('kind: resolutions\nresolutions:\n  - id: x\n    date: 1400-01-01\n  - ti|')).toContain('title');
  });

  it('offers every key of a new item, whatever the items above hold', async () => {
    const keys = await complete('kind: resolutions\nresolutions:\n  - id: x\n    title: { fa: t }\n    date: 1400-01-01\n  - ti|');
    expect(keys).toContain('title');
  });

  it('leaves out the keys already written in the same item', async () => {
    const keys = await complete('kind: resolutions\nresolutions:\n  - id: x\n    title: { fa: t }\n  - id: y\n    |');
    expect(keys).toContain('title');
    expect(keys).not.toContain('id');
  });

  it('offers the keys of a step of the kind being written', async () => {
    const keys = await complete('kind: procedure\nid: p\nsteps:\n  - id: a\n    kind: inspection\n    |');
    expect(keys).toContain('checklist');
    expect(keys).not.toContain('id');
  });

  it('offers enum values', async () => {
    expect(await complete('kind: procedure\nid: p\nsteps:\n  - id: a\n    kind: |')).toEqual(expect.arrayContaining(['task', 'decision', 'end']));
  });

  it('offers top-level keys', async () => {
    expect(await complete('kind: procedure\n|')).toEqual(expect.arrayContaining(['id', 'title', 'steps', 'start']));
  });
});
