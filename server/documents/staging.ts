/**
 * A start form's files: uploaded before the case exists (`POST /documents/staged`, kept for their uploader), named by
 * id in the start's input, and bound to the new case in the start's own transaction — each becomes one of the case's
 * documents (same id, so the input still names it) and a `document.attached` event of its timeline. Only the
 * uploader's own, unexpired staged documents may be named.
 */
import type { Bundle } from '../../engine/index.js';
import { fileValues } from '../cases/file-fields.js';
import { Problem } from '../problem.js';
import type { HostEvent, Store } from '../store/types.js';

/**
 * The ids of the staged documents a start's input names in its form's file fields (lists of files included). Throws a
 * 422 `command-refused` with a field error for each value that is not a staged document of `userId` still waiting.
 */
export function stagedFilesOf(bundle: Bundle, procedure: string, input: Record<string, unknown>, userId: string, now: string, store: Pick<Store, 'documents'>): string[] {
  const formId = bundle.procedures.get(procedure)?.start.form;
  const form = formId ? bundle.forms.get(formId) : undefined;
  if (!form) return [];
  const values = fileValues(form.fields, input);
  const bad = values.filter((f) => {
    if (typeof f.value !== 'string') return true;
    const d = store.documents.staged(f.value);
    return !d || d.owner !== userId || d.expiresAt < now;
  });
  if (bad.length) {
    throw new Problem('command-refused', {
      detail: 'پیوست فرم شروع پیدا نشد یا از آنِ شما نیست؛ فایل را دوباره انتخاب کنید.',
      detail_en: 'A start form file must be a document you uploaded for it (POST /documents/staged) in the last 24 hours.',
      extra: {
        refusal: 'invalid-form',
        failures: [],
        fieldErrors: bad.map((f) => ({
          path: f.path,
          message: { fa: 'این پیوست دیگر در دسترس نیست؛ فایل را دوباره انتخاب کنید.', en: 'This attachment is no longer available; choose the file again.' },
        })),
      },
    });
  }
  return [...new Set(values.map((f) => f.value as string))];
}

/** Binds staged documents to a just-started case (inside the start's transaction): documents, events, one each. */
export function bindStaged(store: Pick<Store, 'documents' | 'cases'>, caseId: string, ids: readonly string[], userId: string, now: string): void {
  for (const id of ids) {
    const meta = store.documents.bind(id, caseId);
    if (!meta) throw new Problem('conflict', { detail: 'پیوست فرم شروع در این فاصله به کار رفته است.', detail_en: `Staged document ${id} was used meanwhile` });
    const row = store.cases.row(caseId)!;
    const { name, mediaType, size, sha256 } = meta;
    const event: HostEvent = { type: 'document.attached', at: now, actor: userId, document: { id, name, mediaType, size, sha256, taskId: null } };
    store.cases.append(caseId, row.version, [event], undefined);
  }
}
