/** How registry records read to a person: titles, subtitles, option labels, referenced records' titles. */
export { fieldSchemaOf, optionLabel, recordDisplay, recordSubtitle, recordTitle, refEntityOf, type RecordLookup } from './display.js';
export { formRefs, recordRefs, type RecordRef, type RefValue } from './refs.js';
