/**
 * Keeping the registry: creating, editing, retiring, restoring and deleting records, by the users whose role declares
 * `keeps_registry: true` (and administrators). Every write is validated against the entity schema (Persian per field)
 * and its references checked (they exist, are of the right kind, and are not retired); an edit carries the version it
 * was read at (a stale one is 409); a record is deleted only when no case and no other record names it — otherwise it
 * is retired, which keeps it readable by the cases that name it and leaves it out of lists, searches and pickers.
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, EntityDef } from '../../engine/index.js';
import { ADMIN, type SessionUser } from '../auth/middleware.js';
import { recordRefs, recordTitle, toPersianDigits } from '../engine.js';
import { notFound, Problem } from '../problem.js';
import { planTriggersForRecord } from '../scheduler/triggers.js';
import type { Services } from '../services.js';
import type { RecordMeta } from '../store/types.js';
import { entityDef, invalidRecord, pointOf, recordProblems } from './records.js';
import { recordRefProblems } from './refs.js';

type Rec = Record<string, unknown>;

/** Whether `user` may keep the registry of `bundle`: an administrator, or a role with `keeps_registry`. */
export function keepsRegistry(bundle: Bundle, user: SessionUser): boolean {
  return user.roles.includes(ADMIN) || user.roles.some((r) => bundle.roles.get(r)?.keepsRegistry === true);
}

/** 403 unless `user` keeps the registry. */
export function assertKeeper(bundle: Bundle, user: SessionUser): void {
  if (keepsRegistry(bundle, user)) return;
  const keepers = [...bundle.roles.values()].filter((r) => r.keepsRegistry);
  throw new Problem('forbidden', {
    detail: `نگه‌داری ثبت‌ها با ${keepers.length ? keepers.map((r) => `«${r.label.fa}»`).join('، ') : 'مدیر سامانه'} است.`,
    detail_en: `Keeping the registry is for ${keepers.length ? keepers.map((r) => r.id).join(', ') : 'administrators'}.`,
    extra: { requiredRoles: [...keepers.map((r) => r.id), ADMIN] },
  });
}

/** A record body as a client sends it: without what a read adds (`$title`, `$version`, computed fields). */
export function bodyRecord(def: EntityDef, body: unknown): Rec {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body as Rec).filter(([k]) => !k.startsWith('$') && !(k in def.computed)));
}

/** The 409 of an edit made on a version that is no longer the record's. */
function staleRecord(def: EntityDef, title: string, expected: number, current: number): Problem {
  return new Problem('conflict', {
    detail: `${def.label.fa} «${title}» در این فاصله تغییر کرده است (نسخهٔ ${toPersianDigits(String(expected))} را خوانده بودید، اکنون ${toPersianDigits(String(current))} است)؛ صفحه را دوباره بارگذاری کنید و تغییر خود را دوباره بگذارید.`,
    detail_en: `The ${def.label.en ?? def.id} "${title}" changed meanwhile (you read version ${expected}, it is now ${current}); reload and make your change again.`,
    extra: { expectedVersion: expected, currentVersion: current },
  });
}

export class RegistryKeeper {
  constructor(private readonly s: Services) {}

  private get entities() {
    return this.s.deps.store.entities;
  }

  private bundle(): Bundle {
    return this.s.deps.bundles.current();
  }

  private title(def: EntityDef, rec: Rec): string {
    return recordTitle(this.bundle(), def.id, rec, (e, id) => this.entities.get(e, id)).fa;
  }

  /** The stored record and its meta, or 404. */
  private existing(def: EntityDef, id: string): { rec: Rec; meta: RecordMeta } {
    const rec = this.entities.get(def.id, id);
    const meta = this.entities.meta(def.id, id);
    if (!rec || !meta) throw notFound({ ...def.label, fallbackEn: def.id }, id);
    return { rec, meta };
  }

  private checkVersion(def: EntityDef, rec: Rec, meta: RecordMeta, expected: number | undefined): void {
    if (expected !== undefined && expected !== meta.version) throw staleRecord(def, this.title(def, rec), expected, meta.version);
  }

  /**
   * Every problem of a record about to be written: its schema, then its references (`batch`: records written with it,
   * which it may name; `previous`: the record as stored, whose references to retired records may stay). [] when none.
   */
  problems(def: EntityDef, rec: Rec, opts: { batch?: ReadonlyMap<string, Rec>; previous?: Rec } = {}): { path: string; message: { fa: string; en?: string } }[] {
    const b = this.bundle();
    const lookup = (e: string, id: string) => (e === def.id && opts.batch?.get(id)) || this.entities.get(e, id);
    const retired = (e: string, id: string) => !(e === def.id && opts.batch?.has(id)) && !!this.entities.meta(e, id)?.retired;
    return [...recordProblems(def, rec), ...recordRefProblems(b, def, rec, lookup, { retired, previous: opts.previous })];
  }

  /** Validates a record and writes it (in the caller's transaction), planning its triggers. Returns its key. */
  write(def: EntityDef, rec: Rec, opts: { batch?: ReadonlyMap<string, Rec>; previous?: Rec } = {}): string {
    const problems = this.problems(def, rec, opts);
    if (problems.length) throw invalidRecord(def, problems);
    const id = String(rec[def.key]);
    const now = this.s.now();
    this.entities.put(def.id, id, rec, now, pointOf(def, rec));
    planTriggersForRecord(this.bundle(), this.s.deps.store.jobs, def.id, rec, this.s.cases.ctx(this.bundle(), now));
    return id;
  }

  /** A new key for a record the client sent without one: `<entity>-<8 hex>`, unused. */
  newKey(def: EntityDef): string {
    for (;;) {
      const id = `${def.id}-${randomUUID().replace(/-/g, '').slice(0, 8)}`;
      if (!this.entities.get(def.id, id)) return id;
    }
  }

  /** Creates a record (a key is made when none is sent); 409 when the key is taken. Returns the record as written. */
  create(user: SessionUser, entity: string, body: unknown): Rec {
    const b = this.bundle();
    assertKeeper(b, user);
    const def = entityDef(b, entity);
    const rec = bodyRecord(def, body);
    const given = rec[def.key];
    if (given === undefined || given === null || given === '') rec[def.key] = this.newKey(def);
    return this.s.deps.store.tx(() => {
      const id = String(rec[def.key]);
      const taken = this.entities.get(def.id, id);
      if (taken) {
        throw new Problem('conflict', {
          detail: `${def.label.fa} دیگری با همین شناسه هست: «${this.title(def, taken)}». شناسهٔ دیگری بدهید یا همان رکورد را ویرایش کنید.`,
          detail_en: `Another ${def.label.en ?? def.id} has this key ("${id}"); give another or edit that record.`,
          extra: { fieldErrors: [{ path: `/${def.key}`, message: { fa: 'این شناسه پیش‌تر به کار رفته است.', en: 'This key is taken.' } }] },
        });
      }
      this.write(def, rec);
      return rec;
    });
  }

  /**
   * Replaces a record with `body`, which must be read at `expectedVersion` (409 otherwise). Without a version only an
   * administrator may write (a replace, as scripts do; a missing record is created): a keeper's edit always carries it.
   */
  update(user: SessionUser, entity: string, id: string, body: unknown, expectedVersion: number | undefined): { rec: Rec; created: boolean } {
    const b = this.bundle();
    assertKeeper(b, user);
    const def = entityDef(b, entity);
    const given = bodyRecord(def, body)[def.key];
    // The path names the record; a body that names another is a mistake, not a rename.
    if (given !== undefined && given !== null && String(given) !== id) {
      throw new Problem('validation-failed', {
        detail: `کلید «${String(given)}» در بدنه با رکورد «${id}» در نشانی یکی نیست؛ کلید رکورد تغییر نمی‌کند.`,
        detail_en: `The body's key "${String(given)}" differs from the record "${id}" of the path; a record's key does not change.`,
        extra: { fieldErrors: [{ path: `/${def.key}`, message: { fa: 'کلید رکورد با نشانی یکی نیست.', en: "The record's key differs from the path's." } }] },
      });
    }
    const rec = { ...bodyRecord(def, body), [def.key]: id };
    return this.s.deps.store.tx(() => {
      const before = this.entities.get(def.id, id);
      const meta = this.entities.meta(def.id, id);
      if (before && meta) {
        if (expectedVersion === undefined && !user.roles.includes(ADMIN)) {
          throw new Problem('precondition-required', {
            detail: 'نسخهٔ رکوردی را که ویرایش کرده‌اید بفرستید ($version یا سرآیند If-Match) تا ویرایش همزمان دیگری از دست نرود.',
            detail_en: 'Send the version of the record you edited ($version or an If-Match header), so that no concurrent edit is lost.',
            extra: { currentVersion: meta.version },
          });
        }
        this.checkVersion(def, before, meta, expectedVersion);
      } else if (expectedVersion !== undefined) throw notFound({ ...def.label, fallbackEn: def.id }, id);
      this.write(def, rec, { previous: before });
      return { rec, created: !before };
    });
  }

  /** Retires a record with a reason (required) or restores it (`reason` null). */
  setRetired(user: SessionUser, entity: string, id: string, reason: string | null, expectedVersion: number | undefined): void {
    const b = this.bundle();
    assertKeeper(b, user);
    const def = entityDef(b, entity);
    if (reason !== null && !reason.trim()) {
      throw new Problem('validation-failed', {
        detail: 'دلیل بایگانی را بنویسید.', detail_en: 'Give the reason for retiring the record.',
        extra: { fieldErrors: [{ path: '/reason', message: { fa: 'دلیل بایگانی را بنویسید.', en: 'Give the reason.' } }] },
      });
    }
    this.s.deps.store.tx(() => {
      const { rec, meta } = this.existing(def, id);
      this.checkVersion(def, rec, meta, expectedVersion);
      const now = this.s.now();
      if (reason === null) {
        if (!meta.retired) return;
        // Its references still resolve: a record that any record names (retired ones too) cannot be deleted; one they
        // name that was retired meanwhile is kept, as an edit keeps an old reference.
        this.entities.retire(def.id, id, null, now, pointOf(def, rec));
      } else {
        if (meta.retired) return;
        this.entities.retire(def.id, id, { at: now, by: user.username, reason: reason.trim() }, now);
      }
    });
  }

  /** The keys of the records (of any kind) whose references name this one. */
  private namedBy(def: EntityDef, id: string): { entity: EntityDef; rec: Rec }[] {
    const out: { entity: EntityDef; rec: Rec }[] = [];
    for (const e of this.bundle().entities.values()) {
      if (!recordRefsMayName(e, def.id)) continue;
      for (const rec of this.entities.all(e.id, { retired: 'include' })) {
        if (recordRefs(e.schema, rec).some((r) => r.entity === def.id && r.value === id)) out.push({ entity: e, rec });
      }
    }
    return out;
  }

  /** Deletes a record that no case and no other record names; otherwise 409 saying who names it (retire it instead). */
  remove(user: SessionUser, entity: string, id: string): void {
    const b = this.bundle();
    assertKeeper(b, user);
    const def = entityDef(b, entity);
    this.s.deps.store.tx(() => {
      const { rec } = this.existing(def, id);
      const title = this.title(def, rec);
      const cases = this.s.deps.store.cases.list({ names: id, limit: 3, offset: 0 });
      if (cases.total) {
        const numbers = cases.items.map((c) => toPersianDigits(c.number ?? c.id)).join('، ');
        throw new Problem('conflict', {
          detail: `${def.label.fa} «${title}» را ${toPersianDigits(String(cases.total))} پرونده نام می‌برند (${numbers})؛ پاک نمی‌شود. به جای آن بایگانی‌اش کنید: برای آن پرونده‌ها خواندنی می‌ماند.`,
          detail_en: `${cases.total} case(s) name the ${def.label.en ?? def.id} "${title}"; it cannot be deleted. Retire it instead: those cases can still read it.`,
          extra: { cases: cases.items.map((c) => ({ id: c.id, number: c.number })) },
        });
      }
      const by = this.namedBy(def, id);
      if (by.length) {
        const names = by.slice(0, 3).map((x) => `${x.entity.label.fa} «${this.title(x.entity, x.rec)}»`).join('، ');
        throw new Problem('conflict', {
          detail: `${def.label.fa} «${title}» را ${names} نام می‌برند؛ پاک نمی‌شود. به جای آن بایگانی‌اش کنید.`,
          detail_en: `${by.length} other record(s) name the ${def.label.en ?? def.id} "${title}"; it cannot be deleted. Retire it instead.`,
        });
      }
      this.entities.delete(def.id, id);
    });
  }
}

/** Whether any field of `e` may name a record of `target` (so its records need looking at). */
function recordRefsMayName(e: EntityDef, target: string): boolean {
  return JSON.stringify(e.schema).includes(`"x-entity":"${target}"`);
}
