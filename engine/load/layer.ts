/**
 * One bundle folder's definitions, gathered from its checked files: every element with the file and JSON pointer
 * it came from. Duplicate ids within the folder are reported here; merging with a base bundle happens in overlay.ts.
 */
import type { DefinitionError } from '../model.js';
import type { CheckedFile } from './check-file.js';
import type { ParsedFile } from './parse.js';
import { pointer } from './pointer.js';
import { definitionError, type Msg, type Problems } from './errors.js';

/** A definition element: its (schema-valid) data and where it is. */
export interface Item {
  id: string;
  data: Record<string, unknown>;
  file: ParsedFile;
  /** Pointer of the element inside its file (`''` for a whole-file element such as a procedure). */
  pointer: string;
  /** The id of the bundle that defined it. */
  bundle: string;
}

/** One sample registry record. */
export interface RecordItem extends Item {
  entity: string;
}

/** The element lists a folder contributes, by kind. */
export interface Elements {
  roles: Item[];
  units: Item[];
  parameters: Item[];
  resolutions: Item[];
  rules: Item[];
  facts: Item[];
  entities: Item[];
  forms: Item[];
  checklists: Item[];
  procedures: Item[];
  triggers: Item[];
  scenarios: Item[];
}

/** A bundle folder's contribution. */
export interface Layer extends Elements {
  dir: string;
  /** The bundle id (the folder's last segment when bundle.yaml is missing or broken). */
  id: string;
  /** The bundle.yaml element, when valid. */
  info?: Item;
  calendar?: Item;
  /** Raw registry records (keys are resolved after merging, when the entities are known). */
  records: RecordItem[];
  /** Every file of the folder (for the content hash). */
  files: ParsedFile[];
}

/** Where a whole-list kind keeps its elements: `rules:` for kind rules, etc. */
const LIST_KINDS: Record<string, keyof Elements> = {
  roles: 'roles', units: 'units', parameters: 'parameters', resolutions: 'resolutions', rules: 'rules', facts: 'facts',
  entities: 'entities', forms: 'forms', checklists: 'checklists', triggers: 'triggers', scenarios: 'scenarios',
};

/** Builds a folder's layer from its checked files, reporting missing/duplicate bundle files and duplicate ids. */
export function buildLayer(dir: string, checked: CheckedFile[], problems: Problems): Layer {
  const usable = checked.filter((c) => c.kind);
  const bundles = checked.filter((c) => (c.file.data as { kind?: unknown } | undefined)?.kind === 'bundle');
  const infoFile = usable.find((c) => c.kind === 'bundle');
  const fallbackId = dir.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || dir;
  const id = infoFile ? String((infoFile.file.data as Record<string, unknown>).id) : fallbackId;
  const layer: Layer = {
    dir, id, records: [], files: checked.map((c) => c.file),
    roles: [], units: [], parameters: [], resolutions: [], rules: [], facts: [], entities: [], forms: [], checklists: [],
    procedures: [], triggers: [], scenarios: [],
  };
  const item = (c: CheckedFile, ptr: string, data: Record<string, unknown>): Item =>
    ({ id: String(data.id ?? ''), data, file: c.file, pointer: ptr, bundle: id });

  if (bundles.length === 0) {
    problems.error(definitionError('missing-bundle', {
      en: `no bundle.yaml in ${dir}: add one with "kind: bundle", an id and a name`,
      fa: `در ${dir} فایل bundle.yaml نیست: یکی با «kind: bundle»، شناسه (id) و نام (name) بیفزایید`,
    }, dir, '', 1, 1));
  }
  for (const extra of bundles.slice(1)) {
    problems.error(at(extra.file, '/kind', 'duplicate-bundle', {
      en: `a folder has exactly one bundle file; ${bundles[0].file.path} already is one`,
      fa: `هر پوشه فقط یک فایل bundle دارد و ${bundles[0].file.path} همان است`,
    }));
  }
  if (infoFile) layer.info = item(infoFile, '', infoFile.file.data as Record<string, unknown>);

  for (const c of usable) {
    const data = c.file.data as Record<string, unknown>;
    if (c.kind === 'procedure') layer.procedures.push(item(c, '', data));
    else if (c.kind === 'calendar') {
      if (layer.calendar) {
        problems.error(at(c.file, '/kind', 'duplicate-calendar', {
          en: `a bundle has one calendar; ${where(layer.calendar)} already defines it`,
          fa: `هر بسته یک تقویم دارد و ${where(layer.calendar)} آن را تعریف کرده است`,
        }));
      }
      else layer.calendar = { ...item(c, '', data), id: 'calendar' };
    } else if (c.kind === 'registry') {
      for (const [entity, list] of Object.entries(data.records as Record<string, unknown[]>)) {
        list.forEach((r, i) => { layer.records.push({ ...item(c, pointer('/records', entity, i), r as Record<string, unknown>), entity }); });
      }
    } else if (c.kind && LIST_KINDS[c.kind]) {
      const list = data[c.kind] as Record<string, unknown>[];
      list.forEach((d, i) => { layer[LIST_KINDS[c.kind as string]].push(item(c, pointer(`/${c.kind}`, i), d)); });
    }
  }
  for (const key of Object.values(LIST_KINDS)) reportDuplicates(layer[key], key, problems);
  reportDuplicates(layer.procedures, 'procedure', problems);
  return layer;
}

/** The name of one element of a kind, in both languages (`rules` → rule, قاعده). */
const KIND_NAMES: Record<string, Msg> = {
  roles: { en: 'role', fa: 'نقش' }, parameters: { en: 'parameter', fa: 'پارامتر' }, resolutions: { en: 'resolution', fa: 'مصوبه' },
  rules: { en: 'rule', fa: 'قاعده' }, facts: { en: 'fact', fa: 'دادهٔ بیرونی (fact)' }, entities: { en: 'entity', fa: 'نوع ثبت (entity)' },
  forms: { en: 'form', fa: 'فرم' }, checklists: { en: 'checklist', fa: 'فهرست بازبینی' }, triggers: { en: 'trigger', fa: 'راه‌انداز (trigger)' },
  scenarios: { en: 'scenario', fa: 'سناریو' }, procedure: { en: 'procedure', fa: 'فرایند' },
};

/** Reports the second and later elements with an id already used in `items` (same kind, same bundle). */
export function reportDuplicates(items: Item[], kind: string, problems: Problems): void {
  const what = KIND_NAMES[kind] ?? { en: kind, fa: kind };
  const first = new Map<string, Item>();
  for (const it of items) {
    const prev = first.get(it.id);
    if (prev) {
      problems.error(at(it.file, pointer(it.pointer, 'id'), 'duplicate-id', {
        en: `duplicate ${what.en} id "${it.id}" — already defined at ${where(prev)}; rename one of them`,
        fa: `شناسهٔ ${what.fa} «${it.id}» تکراری است — پیش‌تر در ${where(prev)} تعریف شده است؛ یکی را تغییر نام دهید`,
      }));
    } else first.set(it.id, it);
  }
}

/** `file:line:col` of an element. */
export function where(it: Pick<Item, 'file' | 'pointer'>): string {
  const p = it.file.locate(it.pointer);
  return `${it.file.path}:${p.line}:${p.col}`;
}

/** A definition error at a pointer of a parsed file (at the key with `key`), in both languages. */
export function at(file: ParsedFile, ptr: string, code: string, msg: Msg, key = false): DefinitionError {
  const p = file.locate(ptr, key);
  return definitionError(code, msg, file.path, ptr, p.line, p.col);
}
