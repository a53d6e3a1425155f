/**
 * Checks the `{param:<id>}` placeholders of step and outcome labels: each names a declared parameter whose value
 * reads as text (not a table), so the label the UI and the diagrams show can always be filled.
 */
import { labelParams } from '../labels/index.js';
import type { Problems } from './errors.js';
import { at } from './layer.js';
import type { Item } from './layer.js';
import type { Merged } from './overlay.js';
import { pointer } from './pointer.js';
import { didYouMean } from './suggest.js';

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** Checks every parameter placeholder in the labels of every procedure's steps and outcomes. */
export function checkLabels(m: Merged, problems: Problems): void {
  for (const proc of m.procedures.values()) {
    list(proc.data.steps).forEach((st, i) => {
      const sp = pointer(proc.pointer, 'steps', i);
      checkLabel(m, proc.file, pointer(sp, 'label'), st.label, problems);
      list(st.outcomes).forEach((o, j) => { checkLabel(m, proc.file, pointer(sp, 'outcomes', j, 'label'), o.label, problems); });
    });
  }
}

function checkLabel(m: Merged, file: Item["file"], ptr: string, label: unknown, problems: Problems): void {
  const text = obj(label);
  if (!text) return;
  for (const lang of ['fa', 'en'] as const) {
    if (typeof text[lang] !== 'string') continue;
    for (const id of labelParams(text[lang] as string)) {
      const p = m.parameters.get(id);
      if (!p) {
        const hint = didYouMean(id, m.parameters.keys());
        problems.error(at(file, pointer(ptr, lang), 'unknown-parameter', {
          en: `unknown parameter "${id}" in the label's {param:…}${hint.en}`,
          fa: `پارامتر «${id}» در {param:…} برچسب تعریف نشده است${hint.fa}`,
        }));
      } else if (p.type === 'table') {
        problems.error(at(file, pointer(ptr, lang), 'label-param-table', {
          en: `parameter "${id}" is a table and cannot be written into a label; name a number, text or date parameter`,
          fa: `پارامتر «${id}» جدول است و در برچسب نوشته نمی‌شود؛ پارامتری عددی، متنی یا تاریخ نام ببرید`,
        }));
      }
    }
  }
}
