/**
 * Definition loading: YAML files → checked, merged, compiled Bundle, with every problem at `file:line:col`.
 */
export { loadBundle, validateWith, withOverrides, MAX_EXTENDS_DEPTH } from './load.js';
export { memorySource, siblingDir, loadFiles, validateFile } from './memory-source.js';
export { formatError, formatErrorFa } from './errors.js';
export { KINDS, isKind, schemaOf, allSchemas } from './schemas.js';
export type { DefinitionKind } from './schemas.js';
export { FORM_SCHEMA_KEYWORDS, JALALI_DATE_PATTERN, compileFormSchema } from './compile-form.js';
export { WEEKDAYS, BUNDLE_DEFAULTS, contentHash } from './compile.js';
export { DEFAULT_OUTCOME } from './compile-procedure.js';
export { ADMIN_ROLE } from './check-refs.js';
export { MAX_FILE_BYTES, MAX_ALIAS_COUNT } from './parse.js';
export { editDistance, closest, didYouMean } from './suggest.js';
export type { SourceFile, BundleSource, LoadResult } from './types.js';
