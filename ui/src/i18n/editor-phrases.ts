/**
 * The YAML editor's own words (CodeMirror's search panel, lint panel, folding, completion), in Persian: CodeMirror
 * writes them in English and looks each up in `EditorState.phrases`. Loaded with the editor only.
 */
export const EDITOR_PHRASES_FA: Record<string, string> = {
  // @codemirror/view
  'Control character': 'نویسهٔ کنترلی',
  'Selection deleted': 'گزینش حذف شد',
  // @codemirror/search
  'Go to line': 'رفتن به سطر',
  go: 'برو',
  Find: 'یافتن',
  Replace: 'جایگزینی',
  next: 'بعدی',
  previous: 'قبلی',
  all: 'همه',
  'match case': 'حساس به حروف',
  'by word': 'کلمهٔ کامل',
  regexp: 'عبارت باقاعده',
  replace: 'جایگزین کن',
  'replace all': 'جایگزینی همه',
  close: 'بستن',
  'current match': 'مورد فعلی',
  'replaced $ matches': '$ مورد جایگزین شد',
  'replaced match on line $': 'مورد سطر $ جایگزین شد',
  'on line': 'در سطر',
  // @codemirror/lint
  Diagnostics: 'خطاها',
  'No diagnostics': 'خطایی نیست',
  // @codemirror/language
  'Folded lines': 'سطرهای جمع‌شده',
  'Unfolded lines': 'سطرهای بازشده',
  to: 'تا',
  'folded code': 'کد جمع‌شده',
  unfold: 'باز کردن',
  'Fold line': 'جمع کردن سطر',
  'Unfold line': 'باز کردن سطر',
  // @codemirror/autocomplete
  Completions: 'پیشنهادها',
};
