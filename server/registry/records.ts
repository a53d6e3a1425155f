/** Registry records: validation against the entity's JSON Schema, the spatial point, computed fields, CSV import. */
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Bundle, EntityDef } from '../../engine/model.js';
import { toPoint } from '../engine.js';
import { Problem } from '../problem.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new WeakMap<EntityDef, ValidateFunction>();

/** The point a record has in its entity's location field (for the spatial index), or null. */
export function pointOf(def: EntityDef | undefined, rec: Record<string, unknown>): { lat: number; lon: number } | null {
  if (!def?.location) return null;
  return toPoint(rec[def.location]) ?? null;
}

/** The entity definition, or 404. */
export function entityDef(bundle: Bundle, entity: string): EntityDef {
  const def = bundle.entities.get(entity);
  if (!def) throw new Problem('not-found', { detail: `نوع «${entity}» در تعاریف نیست`, detail_en: `No entity type "${entity}" in the definitions` });
  return def;
}

/** Throws 422 with every schema error when the record does not fit its entity's schema or lacks its key. */
export function validateRecord(def: EntityDef, rec: Record<string, unknown>): void {
  let v = validators.get(def);
  if (!v) validators.set(def, (v = ajv.compile(def.schema)));
  const errors: { path: string; message: string }[] = [];
  if (!v(rec)) for (const e of v.errors ?? []) errors.push({ path: e.instancePath || '/', message: e.message ?? 'invalid' });
  const key = rec[def.key];
  if (typeof key !== 'string' && typeof key !== 'number') errors.push({ path: `/${def.key}`, message: 'the key field is required' });
  if (errors.length) {
    throw new Problem('invalid-record', { detail: `رکورد «${def.label.fa}» با طرح آن سازگار نیست`, detail_en: `The ${def.label.en ?? def.id} record does not match its schema`, extra: { errors } });
  }
}

/** Parses CSV (RFC 4180: quotes, doubled quotes, CRLF) into rows of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (field += '"', i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/**
 * Turns CSV rows into records typed by the entity's schema: numbers and booleans are converted, a column named
 * `a.b` fills a nested object (e.g. `location.lat`), a JSON-looking cell (`{…}`, `[…]`) is parsed.
 */
export function csvRecords(def: EntityDef, rows: string[][]): Record<string, unknown>[] {
  const [header, ...body] = rows;
  if (!header) return [];
  const props = ((def.schema as { properties?: Record<string, { type?: string | string[] }> }).properties) ?? {};
  return body.map((cells) => {
    const rec: Record<string, unknown> = {};
    header.forEach((col, i) => {
      const raw = (cells[i] ?? '').trim();
      if (raw === '') return;
      const path = col.trim().split('.');
      const top = props[path[0]];
      const types = ([] as string[]).concat(top?.type ?? []);
      let value: unknown = raw;
      if (/^[[{]/.test(raw)) {
        try {
          value = JSON.parse(raw);
        } catch {
          value = raw;
        }
      } else if (path.length > 1 || types.includes('number') || types.includes('integer')) {
        const n = Number(raw);
        value = Number.isFinite(n) && (path.length > 1 || types.some((t) => t === 'number' || t === 'integer')) ? n : raw;
      } else if (types.includes('boolean')) value = raw === 'true' || raw === '1';
      let target = rec;
      for (const seg of path.slice(0, -1)) target = (target[seg] ??= {}) as Record<string, unknown>;
      target[path[path.length - 1]] = value;
    });
    return rec;
  });
}
