/** The pattern the OpenAPI document declares for definition file names accepts exactly what the server accepts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFINITION_PATH_PATTERN, safeDefinitionPath } from '../../server/bundles/files.js';

const accepts = (p: string) => {
  try {
    safeDefinitionPath(p);
    return true;
  } catch {
    return false;
  }
};
const re = new RegExp(DEFINITION_PATH_PATTERN);

describe('definition file names', () => {
  it('agree between the document and the server on names people write and on attacks', () => {
    const cases = ['ardabil/rules/area.yaml', 'a.yml', 'x/Y_1-2.v1.YAML', '../x.yaml', 'a/../b.yaml', 'a/./b.yaml', '.hidden.yaml', 'a/.b.yaml', '/abs.yaml', 'a\\b.yaml', 'a.json', 'a//b.yaml', 'C:/x.yaml', 'a/b', 'قواعد.yaml', ''];
    for (const c of cases) expect(re.test(c), c).toBe(accepts(c));
    expect(cases.filter(accepts)).toEqual(['ardabil/rules/area.yaml', 'a.yml', 'x/Y_1-2.v1.YAML']);
  });

  it('agree on random names', () => {
    const seg = fc.stringMatching(/^[A-Za-z0-9_.\-/\\]{0,12}$/);
    fc.assert(fc.property(fc.array(seg, { maxLength: 4 }), fc.constantFrom('.yaml', '.yml', '.json', '', '.YML'), (segs, ext) => {
      const p = segs.join('/') + ext;
      if (p.length > 300) return;
      expect(re.test(p), p).toBe(accepts(p));
    }), { numRuns: 3000 });
  });
});
