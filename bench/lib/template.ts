/**
 * Row templates for building large data sets fast. A real case is produced once by the engine and projected by the
 * server's own store (so every column is exactly what the server writes); its rows are then turned into templates
 * whose markers (case id, instants, dates, one input value) are filled in per generated case by string concatenation.
 */

/** Values substituted into a template, by marker. */
export interface Fill {
  case: string;
  /** Start instant (ISO). */
  at: string;
  /** Jalali date of the start. */
  day: string;
  /** A task's due instant (ISO). */
  due: string;
  /** The instant a closed case was closed (ISO). */
  end: string;
  /** A number substituted for the marked input value. */
  num: string;
}

const KEYS = ['case', 'at', 'day', 'due', 'end', 'num'] as const;
type Key = (typeof KEYS)[number];

/** A string with markers: literal parts and the keys between them. */
export type Compiled = { parts: string[]; keys: Key[] } | string;

/**
 * Compiles `text`, replacing every occurrence of each `markers` value by its key. Markers are matched longest first,
 * so a date inside an instant is never taken for the date alone.
 */
export function compileTemplate(text: string, markers: Partial<Record<Key, string>>): Compiled {
  const entries = Object.entries(markers).filter(([, v]) => v) as [Key, string][];
  entries.sort((a, b) => b[1].length - a[1].length);
  const parts: string[] = [];
  const keys: Key[] = [];
  let rest = text;
  let cur = '';
  outer: while (rest.length) {
    for (const [k, v] of entries) {
      if (rest.startsWith(v)) {
        parts.push(cur);
        keys.push(k);
        cur = '';
        rest = rest.slice(v.length);
        continue outer;
      }
    }
    // Jump to the next possible marker start.
    let next = rest.length;
    for (const [, v] of entries) {
      const i = rest.indexOf(v, 1);
      if (i >= 0 && i < next) next = i;
    }
    cur += rest.slice(0, next);
    rest = rest.slice(next);
  }
  parts.push(cur);
  return keys.length ? { parts, keys } : text;
}

/** Fills a compiled template. */
export function fill(t: Compiled, f: Fill): string {
  if (typeof t === 'string') return t;
  let s = t.parts[0];
  for (let i = 0; i < t.keys.length; i++) s += f[t.keys[i]] + t.parts[i + 1];
  return s;
}

/** Compiles every string of a row (other values are kept). */
export function compileRow(row: Record<string, unknown>, markers: Partial<Record<Key, string>>): Record<string, Compiled | unknown> {
  const out: Record<string, Compiled | unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'string' ? compileTemplate(v, markers) : v;
  return out;
}

/** Fills a compiled row into positional values for `columns`. */
export function fillRow(row: Record<string, unknown>, columns: string[], f: Fill): unknown[] {
  return columns.map((c) => {
    const v = row[c];
    return v !== null && (typeof v === 'string' || (typeof v === 'object' && 'parts' in (v as object))) ? fill(v as Compiled, f) : v;
  });
}

/** Minimal view of a better-sqlite3 connection (keeps this file free of the driver's types). */
interface Conn {
  prepare(sql: string): { run(...params: unknown[]): unknown };
}

/**
 * Buffers rows and inserts them `per` at a time with one multi-row INSERT (far fewer native calls than one statement
 * per row). `flush()` writes what is left.
 */
export function batchInsert(db: Conn, table: string, columns: string[], per = 32): { add(values: unknown[]): void; flush(): void } {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const sql = (n: number) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: n }, () => tuple).join(', ')}`;
  const full = db.prepare(sql(per));
  const one = db.prepare(sql(1));
  let buf: unknown[] = [];
  let rows = 0;
  return {
    add(values) {
      for (const v of values) buf.push(v);
      if (++rows === per) {
        full.run(buf);
        buf = [];
        rows = 0;
      }
    },
    flush() {
      for (let i = 0; i < rows; i++) one.run(buf.slice(i * columns.length, (i + 1) * columns.length));
      buf = [];
      rows = 0;
    },
  };
}
