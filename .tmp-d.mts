import { validateFile } from './engine/load/index.ts';
const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
console.log(validateFile({ path: 'x.yaml', text: `kind: rules\nrules: ${deep}\n` }).errors.map(e => e.code + ' ' + e.message.slice(0, 150)));
console.log(validateFile({ path: 'x.yaml', text: `kind: rules\nrules:\n  - ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n` }).errors.map(e => e.code + ' ' + e.message.slice(0, 150)));
console.log(validateFile({ path: 'x.yaml', text: `kind: rules\nrules:\n  - id: a\n    label: {fa: x, en: y}\n    message: {fa: x, en: y}\n    check: ${'{"!": '.repeat(3000)}1${'}'.repeat(3000)}\n` }).errors.map(e => e.code + ' ' + e.message.slice(0, 150)));
