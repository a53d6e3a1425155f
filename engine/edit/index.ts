/** Editing definition files in place, keeping every byte that does not change. */
export { appendItem, listText, replaceValue, YamlEditError, type YamlPath } from './yaml-edit.js';
