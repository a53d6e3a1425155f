/**
 * Unpublished edits of definition files, kept in this browser (localStorage) by the version of the definitions they
 * were made on, so a reload or a closed tab loses nothing; drafts of an older version are found and offered back.
 */

const PREFIX = 'dabir.drafts.';

/** Path → edited content. */
export type DraftFiles = Record<string, string>;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The drafts made on `version` (empty when none). */
export function loadDrafts(version: string): DraftFiles {
  try {
    const raw = storage()?.getItem(PREFIX + version);
    const v = raw ? (JSON.parse(raw) as unknown) : {};
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as DraftFiles) : {};
  } catch {
    return {};
  }
}

/** Keeps the drafts of `version` (removes the entry when there are none). */
export function saveDrafts(version: string, files: DraftFiles): void {
  const s = storage();
  if (!s) return;
  try {
    if (Object.keys(files).length) s.setItem(PREFIX + version, JSON.stringify(files));
    else s.removeItem(PREFIX + version);
  } catch {
    /* storage full or unavailable: the drafts stay in the page */
  }
}

/** Drafts kept for other versions than `version`. */
export function otherDrafts(version: string): { version: string; files: DraftFiles }[] {
  const s = storage();
  if (!s) return [];
  const out: { version: string; files: DraftFiles }[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (!key?.startsWith(PREFIX) || key === PREFIX + version) continue;
    const v = key.slice(PREFIX.length);
    const files = loadDrafts(v);
    if (Object.keys(files).length) out.push({ version: v, files });
  }
  return out;
}

/** Forgets the drafts of a version. */
export function dropDrafts(version: string): void {
  saveDrafts(version, {});
}
